/** Tool-calling trajectories → exported records and lines (issue 15, Export): pure, on the stored shapes of each syntax. */
import { describe, expect, it } from "vitest";
import { conversationsRow } from "../writers/conversations";
import { messagesRow } from "../writers/messages";
import type { TExportOptions } from "./to-export-record";
import { toExportRecord } from "./to-export-record";
import { ARGS, HERMES, NATIVE, OPENHANDS, SWEAGENT, TOOLS, sourceOf } from "./__fixtures__/tool-calling";

const AS_IMPORTED: TExportOptions = { thoughts: "latest", lossMask: "asImported" };
const NATIVE_CALLS: TExportOptions = { ...AS_IMPORTED, toolCalls: "native" };

const messages = (fixture: typeof NATIVE, options: TExportOptions, reasoningAs: "field" | "think" = "field") =>
  messagesRow(toExportRecord(sourceOf(fixture), options, 1), { reasoningAs });

describe("messages.jsonl of native tool calls", () => {
  it("writes tool_calls in the OpenAI shape with the stored arguments, tool messages with their call id, and the tools", () => {
    const row = messages(NATIVE, AS_IMPORTED);
    expect(row.tools).toEqual(TOOLS);
    expect(row.messages.map((m) => [m.role, m.tool_call_id])).toEqual([
      ["system", null],
      ["user", null],
      ["assistant", null],
      ["tool", "call_a"],
      ["tool", "call_b"],
      ["assistant", null],
      ["tool", "call_c"],
      ["assistant", null],
    ]);
    expect(row.messages[2]).toEqual({
      role: "assistant",
      content: "",
      reasoning_content: "First look at the repository, then fix the constant.",
      tool_calls: [
        { id: "call_a", type: "function", function: { name: "bash", arguments: ARGS.list } },
        { id: "call_b", type: "function", function: { name: "edit", arguments: ARGS.edit } },
      ],
      tool_call_id: null,
      weight: null,
    });
    // Invalid JSON is exported as it was written, not repaired or dropped.
    expect(row.messages[5]!.tool_calls![0]!.function.arguments).toBe(ARGS.broken);
    // The line carries the arguments' bytes: a re-serialisation would have changed spacing and the \u00e9 escape.
    const line = JSON.stringify(row);
    for (const args of [ARGS.list, ARGS.edit, ARGS.broken]) expect(line).toContain(JSON.stringify(args));
    // The final answer: reasoning beside the content, the content's own <think> copy written once.
    expect(row.messages[7]).toMatchObject({ content: "Done: x is 2 now.", reasoning_content: "It is fixed.", tool_calls: null });
  });

  it("answers a structured call with a result stored without its id (legacy function results), in either mode", () => {
    const source = sourceOf(NATIVE);
    source.turns[6] = { ...source.turns[6]!, toolCallIds: [] };
    expect(messagesRow(toExportRecord(source, AS_IMPORTED, 1)).messages[6]).toMatchObject({ role: "tool", tool_call_id: "call_c" });
  });

  it("puts the reasoning inline as <think>…</think> with reasoningAs think", () => {
    const row = messages(NATIVE, AS_IMPORTED, "think");
    expect(row.messages[5]).toMatchObject({ content: "<think>\nVerify the edit.\n</think>\n\nLet me check the file.", reasoning_content: null });
    expect(row.messages.every((m) => m.reasoning_content === null)).toBe(true);
  });

  it("without CoT removes the reasoning from every assistant turn and keeps every call", () => {
    const full = messages(NATIVE, AS_IMPORTED);
    const none = messages(NATIVE, { ...AS_IMPORTED, thoughts: "none" });
    expect(none.messages.map((m) => m.reasoning_content)).toEqual(none.messages.map(() => null));
    expect(none.messages.map((m) => m.tool_calls)).toEqual(full.messages.map((m) => m.tool_calls));
    expect(none.messages.map((m) => m.content).slice(2)).toEqual(full.messages.map((m) => m.content).slice(2));
    // The system prompt stops asking for thinking.
    expect(none.messages[0]!.content).not.toMatch(/think step by step/i);
  });

  it("uses a reviewer's latest revision of the reasoning, and the imported one with thoughts original", () => {
    const source = sourceOf(NATIVE);
    source.turns[5] = { ...source.turns[5]!, currentThought: "Check that the edit applied.", thoughtVersion: 1 };
    expect(toExportRecord(source, AS_IMPORTED, 1).turns[5]!.reasoning).toBe("Check that the edit applied.");
    expect(toExportRecord(source, { ...AS_IMPORTED, thoughts: "original" }, 1).turns[5]!.reasoning).toBe("Verify the edit.");
  });

  it("applies loss masks per assistant turn", () => {
    const record = toExportRecord(sourceOf(NATIVE), { ...AS_IMPORTED, lossMask: "allAssistant" }, 1);
    expect(record.turns.map((t) => t.loss)).toEqual([false, false, true, false, false, true, false, true]);
    expect(messagesRow(record).messages.map((m) => m.weight)).toEqual([null, null, 1, null, null, 1, null, 1]);
  });
});

describe("reasoning of a function-calling row", () => {
  it("is kept beside the content when the row declares tools and answers without a call", () => {
    const direct = sourceOf({
      ...NATIVE,
      turns: [NATIVE.turns[1]!, { role: "assistant", rawText: "No tool is needed: 4.", thought: "Simple arithmetic." }],
    });
    expect(messagesRow(toExportRecord(direct, AS_IMPORTED, 1)).messages[1]).toMatchObject({ content: "No tool is needed: 4.", reasoning_content: "Simple arithmetic." });
  });

  it("is not written twice when the thought was parsed out of the content", () => {
    const source = sourceOf(NATIVE);
    source.turns[5] = { ...source.turns[5]!, rawText: "Thought: Verify the edit.\nLet me check the file." };
    expect(messagesRow(toExportRecord(source, AS_IMPORTED, 1)).messages[5]).toMatchObject({ content: "Thought: Verify the edit.\nLet me check the file.", reasoning_content: null });
  });
});

describe("calls written as text", () => {
  it("stay text with toolCalls asImported: the assistant text byte for byte, results as user turns", () => {
    for (const fixture of [HERMES, OPENHANDS, SWEAGENT]) {
      const row = messages(fixture, AS_IMPORTED);
      expect(row.messages.every((m) => m.tool_calls === null && m.reasoning_content === null), fixture.dataset).toBe(true);
      expect(row.messages.map((m) => m.content), fixture.dataset).toEqual(fixture.turns.map((t) => t.rawText));
      expect(row.messages.filter((m) => m.role === "tool"), fixture.dataset).toEqual([]);
    }
  });

  it("become structured calls with toolCalls native: as many calls as recognised, content the non-call text", () => {
    for (const fixture of [HERMES, OPENHANDS, SWEAGENT]) {
      const row = messages(fixture, NATIVE_CALLS);
      const exported = row.messages.flatMap((m) => m.tool_calls ?? []);
      const stored = fixture.turns.flatMap((t) => t.toolCalls ?? []);
      expect(exported.map((c) => [c.id, c.function.name, c.function.arguments]), fixture.dataset).toEqual(stored.map((c) => [c.id, c.name, c.arguments]));
      for (const m of row.messages.filter((m) => m.tool_calls !== null)) {
        expect(m.content, fixture.dataset).not.toMatch(/<tool_call>|<function=|```|<think>/);
      }
    }
    const hermes = messages(HERMES, NATIVE_CALLS).messages;
    expect(hermes[2]).toMatchObject({ role: "assistant", content: "", reasoning_content: "I should search." });
    expect(hermes[3]).toMatchObject({ role: "tool", tool_call_id: "call_2_0" });
    expect(hermes[4]).toMatchObject({ role: "assistant", content: "It is 12 °C in Paris.", reasoning_content: "It is 12.", tool_calls: null });
    const openhands = messages(OPENHANDS, NATIVE_CALLS).messages;
    expect(openhands[2]).toMatchObject({ content: "", reasoning_content: "Let me list the files." });
    // A result without a stored id answers the call left open.
    expect(openhands[3]).toMatchObject({ role: "tool", tool_call_id: "call_2_0", content: OPENHANDS.turns[3]!.rawText });
    const sweagent = messages(SWEAGENT, NATIVE_CALLS).messages;
    expect(sweagent[2]).toMatchObject({ content: "", reasoning_content: "DISCUSSION\nFirst I look at hidden files.", weight: 1 });
  });

  it("without CoT drop the thought and keep the call, in either mode", () => {
    const none = { thoughts: "none", lossMask: "asImported" } as const;
    expect(messages(HERMES, none).messages[2]!.content).toBe(`<tool_call>\n{"name": "search", "arguments": ${ARGS.search}}\n</tool_call>`);
    expect(messages(OPENHANDS, none).messages[2]!.content).toBe("<function=bash>\n<parameter=command>ls</parameter>\n</function>");
    expect(messages(SWEAGENT, none).messages[2]!.content).toBe("```\nls -a\n```");
    const native = messages(SWEAGENT, { ...none, toolCalls: "native" }).messages[2]!;
    expect([native.reasoning_content, native.tool_calls?.length]).toEqual([null, 1]);
  });
});

describe("conversations.jsonl (LLaMA-Factory ShareGPT tool format)", () => {
  it("writes function_call and observation turns and the tools as a JSON string", () => {
    const row = conversationsRow(toExportRecord(sourceOf(NATIVE), AS_IMPORTED, 1)) as {
      conversations: Array<{ from: string; value: string; loss: boolean | null }>;
      tools: string;
    };
    // Roles alternate as LLaMA-Factory requires: the results of the parallel calls are one observation.
    expect(row.conversations.map((t) => t.from)).toEqual(["system", "human", "function_call", "observation", "function_call", "observation", "gpt"]);
    expect(row.conversations[3]!.value).toBe("a.py\nb.py\n\nedited");
    expect(JSON.parse(row.tools)).toEqual(TOOLS);
    // Parallel calls: one JSON list after the reasoning; valid arguments written in place, byte for byte.
    const parallel = row.conversations[2]!.value;
    expect(parallel).toBe(
      `<think>\nFirst look at the repository, then fix the constant.\n</think>\n\n[{"name":"bash","arguments":${ARGS.list}},{"name":"edit","arguments":${ARGS.edit}}]`,
    );
    const calls = JSON.parse(parallel.slice(parallel.indexOf("[")));
    expect(calls.map((c: { name: string }) => c.name)).toEqual(["bash", "edit"]);
    // Invalid JSON arguments become a JSON string holding them; the visible text joins the reasoning block.
    const single = row.conversations[4]!.value;
    expect(single).toBe(`<think>\nVerify the edit.\n\nLet me check the file.\n</think>\n\n{"name":"bash","arguments":${JSON.stringify(ARGS.broken)}}`);
    expect(row.conversations[6]!.value).toBe("<think>\nIt is fixed.\n</think>\n\nDone: x is 2 now.");
  });
});

describe("trained text shared with the contamination check", () => {
  it("is what the export writes of each trained assistant turn: reasoning, content and every call's arguments", async () => {
    const { trainedTexts, isNativeTrajectory } = await import("./trained-text");
    for (const fixture of [NATIVE, HERMES, OPENHANDS, SWEAGENT]) {
      const source = sourceOf(fixture);
      const native = isNativeTrajectory(source.turns, source.tools !== null);
      const record = toExportRecord(source, { thoughts: "original", lossMask: "asImported" }, 1);
      source.turns.forEach((turn, i) => {
        if (turn.role !== "assistant") return;
        const written = record.turns[i]!;
        const parts = [written.reasoning ?? "", written.text, ...(written.toolCalls ?? []).map((call) => call.arguments)].filter((t) => t !== "");
        expect(trainedTexts(turn, native), `${fixture.dataset} turn ${i}`).toEqual(parts);
      });
    }
  });
});
