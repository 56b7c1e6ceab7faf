import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { collect, tmpDir, writeJsonl } from "./fixtures/files";
import { anthropicPlainRow, anthropicRow } from "./fixtures/tool-samples";

async function read(rows: unknown[]) {
  const opened = await openTrajectories(writeJsonl(tmpDir(), "claude.jsonl", rows));
  return { format: opened.format, ...(await collect(opened.items)) };
}

describe("anthropic", () => {
  it("maps blocks to turns: thinking → reasoning, tool_use → parallel calls, each tool_result → an observation with its id", async () => {
    const { format, trajectories, errors } = await read([anthropicRow]);
    expect(format).toBe("anthropic");
    expect(errors).toEqual([]);
    const t = trajectories[0]!;
    expect(t.turns.map((turn) => [turn.role, turn.text])).toEqual([
      ["system", "You are a weather assistant."],
      ["user", "Weather in Paris and Oslo, and the time in Oslo?"],
      ["assistant", "Let me check both cities."],
      ["user", "18°C, cloudy"],
      ["user", "upstream timeout"],
      ["assistant", ""],
      ["user", "14:05"],
      ["assistant", "Paris: 18°C and cloudy. Oslo's weather timed out; it is 14:05 there."],
    ]);
    expect(t.turns[2]).toMatchObject({
      reasoning: "Two cities: call the weather tool twice.",
      toolCalls: [
        { id: "toolu_01", name: "get_weather", arguments: '{"city":"Paris"}' },
        { id: "toolu_02", name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' },
      ],
    });
    expect(t.turns[3]!.toolCallIds).toEqual(["toolu_01"]);
    expect(t.turns[4]!.toolCallIds).toEqual(["toolu_02"]);
    // empty thinking is no reasoning; a tool_use without id gets a stable one, its result (no tool_use_id) links to it by position
    expect(t.turns[5]!.reasoning).toBeUndefined();
    expect(t.turns[5]!.toolCalls).toEqual([{ id: "call_3_0", name: "get_time", arguments: '{"tz":"Europe/Oslo"}' }]);
    expect(t.turns[6]!.toolCallIds).toEqual(["call_3_0"]);
    expect(t.turns[7]!.toolCalls).toBeUndefined();
    expect(t).toMatchObject({ externalId: "conv-001", sourceModel: "claude-sonnet-4-5", reward: 1, success: true });
    expect(t.metadata).toEqual({ rewardField: "success", toolErrors: ["toolu_02"] });
    expect(t.tools).toEqual([
      { type: "function", function: { name: "get_weather", description: "Current weather for a city", parameters: anthropicRow.tools[0]!.input_schema } },
      { type: "function", function: { name: "get_time", parameters: anthropicRow.tools[1]!.input_schema } },
    ]);
  });

  it("reads string contents, a system prompt of text blocks, and rows without tools", async () => {
    const { trajectories } = await read([anthropicPlainRow]);
    expect(trajectories[0]!.turns.map((turn) => [turn.role, turn.text])).toEqual([
      ["system", "Be brief."],
      ["user", "Hi"],
      ["assistant", "Hello."],
    ]);
    expect(trajectories[0]!.tools).toBeNull();
  });

  it("keeps a string input as written and drops redacted thinking with a count", async () => {
    const row = {
      system: "s",
      messages: [
        { role: "user", content: "go" },
        { role: "assistant", content: [{ type: "redacted_thinking", data: "xx" }, { type: "tool_use", id: "t1", name: "run", input: '{"cmd": "ls"' }] },
      ],
    };
    const t = (await read([row])).trajectories[0]!;
    expect(t.turns[2]!.toolCalls).toEqual([{ id: "t1", name: "run", arguments: '{"cmd": "ls"' }]);
    expect(t.metadata).toEqual({ redactedThinkingBlocks: 1 });
  });

  it("refuses what it cannot keep, naming the field", async () => {
    const rows = [
      { system: "s", messages: [{ role: "user", content: [{ type: "image", source: {} }] }] },
      { system: "s", messages: [{ role: "assistant", content: [{ type: "tool_use", id: "x", input: {} }] }] },
      { system: "s", messages: [{ role: "tool", content: "r" }] },
      { system: "s", messages: "nope" },
      { system: "s", messages: [], tools: [{ description: "no name" }] },
    ];
    const { errors } = await read(rows);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'messages[0].content[0]: a "image" block cannot be imported here (only text)'],
      [2, "messages[0].content[0].name must be a non-empty string"],
      [3, 'messages[0].role "tool" is not a known role (user, assistant, system)'],
      [4, 'field "messages" must be a list of messages'],
      [5, "tools[0].name must be a non-empty string"],
    ]);
  });
});
