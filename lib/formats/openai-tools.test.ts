import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { collect, tmpDir, writeJsonl, writeText } from "./fixtures/files";
import { availableToolsRow, legacyRow, messyRow, parallelRow, sweGymRow, weatherTools } from "./fixtures/tool-calling";

async function read(rows: unknown[]) {
  const opened = await openTrajectories(writeJsonl(tmpDir(), "tools.jsonl", rows));
  return { format: opened.format, ...(await collect(opened.items)) };
}

describe("openai tool calling", () => {
  it("reads a SWE-Gym-like row: null content beside tool_calls, tool results, resolved, instance_id, run_id", async () => {
    const { format, trajectories, errors } = await read([sweGymRow]);
    expect(format).toBe("openai");
    expect(errors).toEqual([]);
    const t = trajectories[0]!;
    expect(t).toMatchObject({ externalId: "acme__widgets-1234", task: "swe", sourceModel: "example-coder-32b", reward: 1, success: true });
    expect(t.metadata).toEqual({ runId: "run-7", rewardField: "resolved" });
    expect(t.tools!.map((tool) => tool.function.name)).toEqual(["execute_bash", "finish"]);
    expect(t.turns[1]!.text).toBe("Fix the failing test in widgets/core.py");
    expect(t.turns[2]).toEqual({
      role: "assistant", text: "", loss: null,
      toolCalls: [{ id: "call_a1", name: "execute_bash", arguments: "{\"command\": \"pytest -x\"}" }],
    });
    expect(t.turns[3]).toEqual({ role: "user", text: "1 failed", loss: null, toolCallIds: ["call_a1"] });
  });

  it("keeps parallel calls together, arguments byte for byte, and reasoning_content / reasoning as reasoning", async () => {
    const { trajectories } = await read([parallelRow]);
    const t = trajectories[0]!;
    expect(t).toMatchObject({ externalId: "fc-1", task: "tools", reward: 0.5, success: null });
    expect(t.metadata.rewardField).toBe("reward");
    expect(t.tools).toEqual(weatherTools);
    expect(t.turns[1]!.toolCalls).toEqual([
      { id: "c1", name: "get_weather", arguments: "{\"city\":\"Oslo\",  \"unit\":\"c\"}" },
      { id: "c2", name: "get_time", arguments: "{\"tz\": \"Europe/Oslo\"}" },
    ]);
    expect(t.turns[1]!.reasoning).toBe("I need both the weather and the time.");
    expect(t.turns[4]).toMatchObject({ role: "assistant", text: "It is 3 C and 10:00 in Oslo.", reasoning: "Both answered." });
    expect(t.turns[4]!.toolCalls).toBeUndefined();
  });

  it("reads legacy functions / function_call / role function, linking the result to the call", async () => {
    const { trajectories } = await read([legacyRow]);
    const t = trajectories[0]!;
    expect(t).toMatchObject({ reward: 0, success: false, task: "tools" });
    expect(t.tools).toEqual([{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }]);
    expect(t.turns[1]!.toolCalls).toEqual([{ id: "function_call_1", name: "get_weather", arguments: "{\"city\": \"Rome\"}" }]);
    expect(t.turns[2]).toMatchObject({ role: "user", text: "20 C", toolCallIds: ["function_call_1"] });
  });

  it("reads available_tools written as a JSON string, model_name and target", async () => {
    const { trajectories } = await read([availableToolsRow]);
    expect(trajectories[0]).toMatchObject({ sourceModel: "toucan-agent", reward: 0, success: false, tools: weatherTools });
    expect(trajectories[0]!.metadata.rewardField).toBe("target");
  });

  it("imports messy calls as written (the checks flag them later)", async () => {
    const { trajectories, errors } = await read([messyRow]);
    expect(errors).toEqual([]);
    expect(trajectories[0]!.turns[1]!.toolCalls).toEqual([{ id: "m1", name: "get_weather", arguments: "{city: Paris" }]);
    expect(trajectories[0]!.turns[6]!.toolCallIds).toEqual(["zz9"]);
  });

  it("rejects broken tool-calling rows, naming the field", async () => {
    const rows = [
      { messages: [{ role: "assistant", content: null }] },
      { messages: [{ role: "user", content: "q" }, { role: "assistant", content: null, tool_calls: [{ id: "x", function: { name: 3, arguments: "{}" } }] }] },
      { messages: [{ role: "assistant", content: null, tool_calls: [{ id: "x", function: { name: "f", arguments: 7 } }] }] },
      { tools: "not json", messages: [{ role: "user", content: "q" }] },
      { tools: [{ description: "no name" }], messages: [{ role: "user", content: "q" }] },
      { messages: [{ role: "user", content: [{ type: "image_url", image_url: {} }] }] },
      { resolved: "yes", messages: [{ role: "user", content: "q" }] },
      { messages: [{ role: "tool", tool_call_id: 5, content: "r" }] },
    ];
    const { errors } = await read(rows);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, "messages[0].content must be a string"],
      [2, "messages[1].tool_calls[0].function.name must be a non-empty string"],
      [3, "messages[0].tool_calls[0].function.arguments must be a JSON string or an object"],
      [4, 'field "tools" must be a list of tools (it is a string that is not JSON)'],
      [5, "tools[0].name must be a non-empty string"],
      [6, 'messages[0].content[0] must be a text part {type: "text", text} (type "image_url")'],
      [7, "resolved must be a number or a boolean"],
      [8, "messages[0].tool_call_id must be a string"],
    ]);
  });

  it("detects tool-calling rows in a JSON array too (a release saved with json.dump)", async () => {
    const opened = await openTrajectories(writeText(tmpDir(), "runs.json", JSON.stringify([sweGymRow, legacyRow], null, 2)));
    const { trajectories, errors } = await collect(opened.items);
    expect([opened.format, opened.container, errors]).toEqual(["openai", "json-array", []]);
    expect(trajectories.map((t) => t.turns.flatMap((turn) => turn.toolCalls ?? []).length)).toEqual([2, 1]);
  });

  it("leaves ReAct rows as they were: no tools, no calls, no task", async () => {
    const { trajectories } = await read([{ messages: [{ role: "user", content: "Q" }, { role: "assistant", content: "Action: finish[x]" }] }]);
    expect(trajectories[0]).toMatchObject({ task: null, tools: null, reward: null });
    expect(trajectories[0]!.turns).toEqual([{ role: "user", text: "Q", loss: null }, { role: "assistant", text: "Action: finish[x]", loss: null }]);
  });
});
