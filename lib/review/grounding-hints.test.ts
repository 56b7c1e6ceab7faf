/** The grounding hint on tool-calling steps: the reasoning is the thought, and the declared tools count as seen. */
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { groundingHints } from "./grounding-hints";

useTestDatabase();
let trajectoryId = "";

const TOOLS = [{ type: "function", function: { name: "get_forecast", description: "Weather forecast for a city", parameters: { type: "object", properties: { city: { type: "string" } } } } }];

beforeAll(async () => {
  await pool().query("insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values (1, 'd', 'd.jsonl', 'openai', 'x', 1, 'test')");
  const toolSet = await pool().query<{ id: number }>("insert into tool_sets (hash, tools) values ('h', $1) returning id", [JSON.stringify(TOOLS)]);
  const trajectory = await pool().query<{ id: string }>(
    `insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count, token_count, content_hash, tool_set_id)
     values (1, 'run-1', 'weather', 'Will it rain in Lyon?', 4, 2, 20, 'c', $1) returning id::text`,
    [toolSet.rows[0]!.id],
  );
  trajectoryId = trajectory.rows[0]!.id;
  await pool().query(
    `insert into turns (trajectory_id, index, role, raw_text, thought, action, action_kind, tool_calls, tool_call_ids, call_syntax) values
       ($1, 0, 'user', 'Will it rain in Lyon tomorrow?', null, null, null, null, '{}', null),
       ($1, 1, 'assistant', '', 'I need the forecast for Lyon, not Zanzibar.', '', 'tool_call', $2, '{}', 'native'),
       ($1, 2, 'observation', '{"rain": 0.8}', null, null, null, null, '{call_1}', null),
       ($1, 3, 'assistant', 'Yes, 80% rain.', 'The forecast says rain 0.8, so 80%.', 'Yes, 80% rain.', 'answer', null, '{}', null)`,
    [trajectoryId, JSON.stringify([{ id: "call_1", name: "get_forecast", arguments: '{"city": "Lyon"}' }])],
  );
});

describe("groundingHints on tool-calling steps", () => {
  it("flags what the agent never saw in the reasoning, and counts the declared tools as seen", async () => {
    const hints = await groundingHints(systemActor("test"), trajectoryId);
    expect(hints[1]!.map((span) => span.word)).toEqual(["Zanzibar"]);
    // the checkable token keeps its unit (compared normalised, as 80): the agent never saw a percentage
    expect(hints[3]!.map((span) => span.word)).toEqual(["80%"]);
  });
});
