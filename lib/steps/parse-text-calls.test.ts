import { describe, expect, it } from "vitest";
import { parseTrajectory } from "./parse";
import type { TRawTurn } from "./types";

const turn = (role: TRawTurn["role"], text: string, extra: Partial<TRawTurn> = {}): TRawTurn => ({ role, text, loss: null, ...extra });
const pick = (t: ReturnType<typeof parseTrajectory>, i: number) => {
  const { role, thought, action, actionKind, toolCalls, toolCallIds, callSyntax, formatError, rawText } = t.turns[i]!;
  return { role, thought, action, actionKind, toolCalls, toolCallIds, callSyntax, formatError, rawText };
};

describe("parseTrajectory: calls written as text", () => {
  it("stores Hermes calls with the <think> reasoning as the thought; the raw text stays as written", () => {
    const call = '<think>Look it up.</think>\n<tool_call>\n{"name": "search", "arguments": {"q": "SWE-bench"}}\n</tool_call>';
    const t = parseTrajectory(null, [
      turn("user", "What is SWE-bench?"),
      turn("assistant", call),
      turn("user", "<tool_response>A benchmark.</tool_response>"),
      turn("assistant", "<think>Enough.</think>A benchmark of GitHub issues."),
    ]);
    expect(pick(t, 1)).toEqual({
      role: "assistant",
      thought: "Look it up.",
      action: null,
      actionKind: "tool_call",
      toolCalls: [{ id: "call_1_0", name: "search", arguments: '{"q":"SWE-bench"}' }],
      toolCallIds: [],
      callSyntax: "hermes",
      formatError: null,
      rawText: call,
    });
    expect(pick(t, 2)).toMatchObject({ role: "observation", toolCallIds: ["call_1_0"] });
    expect(pick(t, 3)).toMatchObject({ thought: "Enough.", action: "A benchmark of GitHub issues.", actionKind: "answer", toolCalls: [], callSyntax: null });
    expect(t.stepCount).toBe(2);
  });

  it("stores OpenHands calls (SWE-smith) and flags three identical calls in a row as a loop", () => {
    const view = "Let me look.\n<function=str_replace_editor>\n<parameter=command>view</parameter>\n<parameter=path>/r/a.py</parameter>\n</function>";
    const t = parseTrajectory(null, [
      turn("system", "You are OpenHands."),
      turn("user", "Fix the bug in a.py"),
      turn("assistant", view),
      turn("user", "OBSERVATION:\nfile"),
      turn("assistant", view),
      turn("user", "OBSERVATION:\nfile"),
      turn("assistant", view),
      turn("user", "OBSERVATION:\nfile"),
    ]);
    expect(pick(t, 2)).toMatchObject({
      thought: "Let me look.",
      actionKind: "tool_call",
      callSyntax: "openhands",
      toolCalls: [{ id: "call_2_0", name: "str_replace_editor", arguments: '{"command":"view","path":"/r/a.py"}' }],
    });
    expect(t.turns[5]!.toolCallIds).toEqual(["call_4_0"]);
    expect(t.loopStartTurn).toBe(2);
    expect(t.turns.filter((x) => x.inLoop).map((x) => x.index)).toEqual([2, 4, 6]);
  });

  it("reads SWE-agent's fenced command where the reader marked it, and flags a marked turn without one", () => {
    const mark = { textCalls: "sweagent" as const };
    const t = parseTrajectory(null, [
      turn("user", "ISSUE: sum is off by one"),
      turn("assistant", "Find it.\n```\nfind_file core.py\n```", mark),
      turn("user", "Found 1 match"),
      turn("assistant", "I am not sure.", mark),
    ]);
    expect(pick(t, 1)).toMatchObject({
      thought: "Find it.",
      callSyntax: "sweagent",
      toolCalls: [{ id: "call_1_0", name: "bash", arguments: '{"command":"find_file core.py"}' }],
    });
    expect(t.turns[2]!.toolCallIds).toEqual(["call_1_0"]);
    expect(pick(t, 3)).toMatchObject({ actionKind: "answer", action: "I am not sure.", formatError: "sweagent step has no fenced command block" });
    expect(t.formatErrorCount).toBe(1);
  });

  it("leaves ReAct steps with fenced commands as they are today", () => {
    const t = parseTrajectory("os", [turn("user", "How many files?"), turn("assistant", "Think: list\n\nAct: bash\n\n```bash\nls\n```")]);
    expect(pick(t, 1)).toMatchObject({ actionKind: "bash", action: "ls", toolCalls: [], callSyntax: null });
  });
});
