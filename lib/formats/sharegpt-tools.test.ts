import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { collect, tmpDir, writeText } from "./fixtures/files";
import { llamaFactoryPlainRow, llamaFactoryRow } from "./fixtures/tool-samples";

async function read(rows: unknown[]) {
  const opened = await openTrajectories(writeText(tmpDir(), "tools.json", JSON.stringify(rows, null, 2)));
  return { format: opened.format, ...(await collect(opened.items)) };
}

describe("sharegpt-tools (LLaMA-Factory)", () => {
  it("reads a <think> block before a function_call's JSON as the turn's reasoning (as LLaMA-Factory and our export write it)", async () => {
    const value = '<think>\nCheck the weather first.\n</think>\n\n{"name":"get_weather","arguments":{"city": "Oslo"}}';
    const { trajectories, errors } = await read([{ conversations: [{ from: "human", value: "Oslo?" }, { from: "function_call", value }, { from: "observation", value: "3 C" }], tools: "[]" }]);
    expect(errors).toEqual([]);
    const turn = trajectories[0]!.turns[1]!;
    expect(turn).toMatchObject({ text: value, reasoning: "Check the weather first.", toolCalls: [{ id: "call_1_0", name: "get_weather", arguments: '{"city":"Oslo"}' }] });
  });

  it("reads function_call turns as calls with stable ids and links each observation to the calls before it", async () => {
    const { format, trajectories, errors } = await read([llamaFactoryRow, llamaFactoryPlainRow]);
    expect(format).toBe("sharegpt-tools");
    expect(errors).toEqual([]);
    const t = trajectories[0]!;
    expect(t.turns.map((turn) => turn.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user", "assistant"]);
    // the function_call text stays as written; an object arguments is serialised, a string one kept
    expect(t.turns[2]!.text).toBe(llamaFactoryRow.conversations[1]!.value);
    expect(t.turns[2]!.toolCalls).toEqual([{ id: "call_1_0", name: "multiply", arguments: '{"a":12,"b":7}' }]);
    expect(t.turns[3]!.toolCallIds).toEqual(["call_1_0"]);
    expect(t.turns[4]!.toolCalls).toEqual([
      { id: "call_3_0", name: "convert", arguments: '{"value": 5, "from": "km"}' },
      { id: "call_3_1", name: "multiply", arguments: '{"a":5,"b":0.621}' },
    ]);
    expect(t.turns[5]!.toolCallIds).toEqual(["call_3_0", "call_3_1"]);
    expect(t.turns[6]!.toolCalls).toBeUndefined();
    expect(t.tools!.map((tool) => tool.function.name)).toEqual(["multiply", "convert"]);
    expect(t.tools![0]!.function.parameters).toMatchObject({ required: ["a", "b"] });
    // a row with an empty tools string has no tools
    expect(trajectories[1]!.tools).toBeNull();
    expect(trajectories[1]!.turns.map((turn) => turn.role)).toEqual(["user", "assistant"]);
  });

  it("refuses a function_call that is not a JSON call and a tools string that is not JSON, naming the field", async () => {
    const rows = [
      { conversations: [{ from: "human", value: "q" }, { from: "function_call", value: "multiply(2, 3)" }], tools: "[]" },
      { conversations: [{ from: "human", value: "q" }, { from: "function_call", value: '{"arguments": {}}' }], tools: "[]" },
      { conversations: [{ from: "human", value: "q" }], tools: "[{name: multiply}]" },
      { conversations: [{ from: "bot", value: "q" }], tools: "[]" },
    ];
    const { errors } = await read(rows);
    expect(errors.map((e) => [e.record, e.message])).toEqual([
      [1, 'conversations[1].value must be JSON (a call {"name", "arguments"} or a list of them)'],
      [2, 'conversations[1].value must be a call {"name", "arguments"} with a non-empty name'],
      [3, 'field "tools" must be a list of tools (it is a string that is not JSON)'],
      [4, 'conversations[0].from "bot" is not a known role (system, human, user, gpt, assistant, function_call, observation, tool, function)'],
    ]);
  });

  it("reads Hermes-style rows with `tool` result turns; their calls are text, so the reader sets no ids", async () => {
    const row = {
      conversations: [
        { from: "human", value: "Weather in Rome?" },
        { from: "gpt", value: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Rome"}}\n</tool_call>' },
        { from: "tool", value: "<tool_response>\n21C\n</tool_response>" },
        { from: "gpt", value: "21C in Rome." },
      ],
      tools: '[{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]',
    };
    const { trajectories, errors } = await read([row]);
    expect(errors).toEqual([]);
    const t = trajectories[0]!;
    expect(t.turns.map((turn) => turn.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(t.turns[1]!.toolCalls).toBeUndefined();
    expect(t.turns[2]!.toolCallIds).toBeUndefined();
    expect(t.tools).toEqual([{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }]);
  });
});
