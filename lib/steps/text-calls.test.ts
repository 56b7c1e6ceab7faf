import { describe, expect, it } from "vitest";
import { readTextCalls } from "./text-calls";
import type { TRawTurn } from "./types";

const turn = (role: TRawTurn["role"], text: string, extra: Partial<TRawTurn> = {}): TRawTurn => ({ role, text, loss: null, ...extra });

describe("readTextCalls", () => {
  it("reads a Hermes record: calls per turn, the final answer, and each result linked to the calls before it", () => {
    const record = readTextCalls([
      turn("system", "You may call <tool_call> tools."),
      turn("user", "Weather in Paris?"),
      turn("assistant", '<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>'),
      turn("user", "<tool_response>18C</tool_response>"),
      turn("assistant", "<think>done</think>It is 18C. Quoting: <function=x>"),
    ]);
    expect(record.syntax).toBe("hermes");
    expect(record.steps.get(2)!.calls).toEqual([{ id: "call_2_0", name: "get_weather", arguments: '{"city":"Paris"}' }]);
    // the answer is read in the record's syntax only: the quoted <function=x> is not an OpenHands call
    expect(record.steps.get(4)).toEqual({ syntax: "hermes", thought: "done", content: "It is 18C. Quoting: <function=x>", calls: [] });
    expect([...record.resultIds]).toEqual([[3, ["call_2_0"]]]);
  });

  it("reads fenced commands only where a reader marked the turns (SWE-agent), not in ReAct text", () => {
    const react = [turn("user", "q"), turn("assistant", "Think: list\n\nAct: bash\n\n```bash\nls\n```"), turn("user", "out")];
    expect(readTextCalls(react)).toMatchObject({ syntax: null, steps: new Map(), resultIds: new Map() });
    const marked = react.map((t) => (t.role === "assistant" ? { ...t, textCalls: "sweagent" as const } : t));
    const record = readTextCalls(marked);
    expect(record.syntax).toBe("sweagent");
    expect(record.steps.get(1)!.calls).toEqual([{ id: "call_1_0", name: "bash", arguments: '{"command":"ls"}' }]);
    expect(record.resultIds.get(2)).toEqual(["call_1_0"]);
  });

  it("leaves turns with structured calls and results with the file's ids alone", () => {
    const record = readTextCalls([
      turn("user", "q"),
      turn("assistant", "<tool_call>{\"name\": \"f\"}</tool_call>", { toolCalls: [{ id: "a", name: "f", arguments: "{}" }] }),
      turn("user", "r", { toolCallIds: ["a"] }),
      turn("assistant", "<function=bash>\n<parameter=command>ls</parameter>\n</function>"),
      turn("user", "r2", { toolCallIds: ["given"] }),
    ]);
    expect(record.syntax).toBe("openhands");
    expect([...record.steps.keys()]).toEqual([3]);
    expect(record.resultIds.size).toBe(0);
  });

  it("takes the reasoning the file keeps beside the text as the thought", () => {
    const record = readTextCalls([
      turn("user", "q"),
      turn("assistant", '<tool_call>{"name": "f", "arguments": {}}</tool_call>', { reasoning: "From reasoning_content." }),
    ]);
    expect(record.steps.get(1)).toMatchObject({ thought: "From reasoning_content.", calls: [{ name: "f", arguments: "{}" }] });
  });
});
