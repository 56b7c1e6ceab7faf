/**
 * One file of each tool-calling shape read by 15b's readers, imported into a real
 * PostgreSQL: turn counts, roles, raw text byte for byte, rewards and their field
 * name, run fields, and the calls each file holds (as parsed for the writer; the
 * tool_calls columns are written by the import storage of issue 15).
 */
import path from "node:path";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { detectFormat, readTrajectories } from "@/lib/formats";
import { anthropicRow, llamaFactoryRow, nebiusFailedRow, nebiusRow } from "@/lib/formats/fixtures/tool-samples";
import { useTestDatabase } from "@/testing/database";
import { scratchDir, writeLines } from "@/testing/fixtures";
import { importFile } from "./import-file";
import { prepareTrajectory } from "./prepare-trajectory";

useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();

/** A SWE-smith-style row: OpenAI messages whose calls are OpenHands text. */
const sweSmithRow = {
  instance_id: "acme__widgets.abc123.pr_7",
  model: "claude-3-7-sonnet",
  messages: [
    { role: "system", content: "You are OpenHands agent. Call tools as <function=NAME><parameter=KEY>value</parameter></function>." },
    { role: "user", content: "Fix the failing test in tests/test_core.py" },
    { role: "assistant", content: "Run the tests first.\n<function=bash>\n<parameter=command>pytest -q tests/test_core.py</parameter>\n</function>" },
    { role: "user", content: "EXECUTION RESULT of [bash]:\n1 failed" },
    { role: "assistant", content: "<function=finish>\n<parameter=message>Fixed.</parameter>\n</function>" },
  ],
};

type TStoredTurn = { role: string; raw_text: string; thought: string | null; action_kind: string | null; loss: boolean | null; tool_calls: unknown; tool_call_ids: string[] | null; call_syntax: string | null };

/** The stored trajectory with this external id (or the only one of a dataset named after its file). */
async function stored(externalId: string, by: "external_id" | "dataset" = "external_id") {
  const t = await pool().query<{ id: string; reward: number | null; success: boolean | null; source_model: string | null; run_status: string | null; turn_count: number; step_count: number; format_error_count: number; metadata: Record<string, unknown> }>(
    `select id::text, reward, success, source_model, run_status, turn_count, step_count, format_error_count, metadata
       from trajectories
      where ${by === "external_id" ? "external_id = $1" : "dataset_id = (select id from datasets where name = $1)"}`,
    [externalId],
  );
  const row = t.rows[0]!;
  const turns = await pool().query<TStoredTurn>(
    "select role, raw_text, thought, action_kind, loss, tool_calls, tool_call_ids, call_syntax from turns where trajectory_id = $1 order by index",
    [row.id],
  );
  return { ...row, turns: turns.rows };
}

/** The calls and result links of a file's records, as the importer hands them to the writer. */
async function parsedCalls(file: string) {
  const detected = await detectFormat(file);
  const out: { calls: string[][]; results: string[][] }[] = [];
  for await (const item of readTrajectories(file, detected)) {
    if (item.kind !== "trajectory") continue;
    const turns = prepareTrajectory(item.value, { kind: "agent" }).parsed.turns;
    out.push({
      calls: turns.filter((t) => t.role === "assistant").map((t) => t.toolCalls.map((c) => `${c.id} ${c.name} ${c.arguments}`)),
      results: turns.filter((t) => t.toolCallIds.length > 0).map((t) => t.toolCallIds),
    });
  }
  return out;
}

describe("importing tool-calling files", () => {
  it("Nebius SWE-agent: detected, target → reward, mask → loss, fenced commands read as bash calls", async () => {
    const file = writeLines(dir, "nebius-swe-agent.jsonl", [nebiusRow, nebiusFailedRow]);
    expect(await importFile(ACTOR, { filePath: file })).toMatchObject({ format: "sweagent", imported: 2, skipped: 0 });
    const ok = await stored("acme__widgets-1234");
    expect(ok).toMatchObject({ reward: 1, success: true, source_model: "swe-agent-llama-70b", run_status: "submitted", turn_count: 7, step_count: 3, format_error_count: 0 });
    expect(ok.metadata).toMatchObject({ rewardField: "target", generated_patch: nebiusRow.generated_patch });
    expect(ok.turns.map((t) => [t.role, t.loss])).toEqual([
      ["system", false], ["user", false], ["assistant", true], ["observation", false], ["assistant", true], ["observation", false], ["assistant", true],
    ]);
    expect(ok.turns.map((t) => t.raw_text)).toEqual(nebiusRow.trajectory.map((t) => t.text ?? t.system_prompt));
    expect(ok.turns[4]).toMatchObject({ thought: "The off-by-one is on line 3; fix the range.", action_kind: "tool_call" });
    const failed = await stored("acme__widgets-99");
    expect(failed).toMatchObject({ reward: 0, success: false, run_status: "exit_cost", format_error_count: 1 });

    const [calls] = await parsedCalls(file);
    expect(calls!.calls).toEqual([
      ['call_2_0 bash {"command":"find_file \\"core.py\\""}'],
      ['call_4_0 bash {"command":"edit 3:3\\n    return sum(range(n + 1))\\nend_of_edit"}'],
      ['call_6_0 bash {"command":"submit"}'],
    ]);
    expect(calls!.results).toEqual([["call_2_0"], ["call_4_0"]]);
    // and stored so: calls on the steps, result links on the observations
    expect(ok.turns[2]).toMatchObject({ call_syntax: "sweagent", tool_calls: [{ id: "call_2_0", name: "bash", arguments: '{"command":"find_file \\"core.py\\""}' }] });
    expect(ok.turns[3]).toMatchObject({ tool_call_ids: ["call_2_0"] });
  });

  it("Anthropic Messages: blocks become turns, parallel calls stay in one step, each result is an observation", async () => {
    const file = writeLines(dir, "claude-runs.jsonl", [anthropicRow]);
    expect(await importFile(ACTOR, { filePath: file })).toMatchObject({ format: "anthropic", imported: 1 });
    const t = await stored("conv-001");
    expect(t).toMatchObject({ reward: 1, success: true, source_model: "claude-sonnet-4-5", turn_count: 8, step_count: 3 });
    expect(t.metadata).toMatchObject({ rewardField: "success", toolErrors: ["toolu_02"] });
    expect(t.turns.map((x) => x.role)).toEqual(["system", "user", "assistant", "observation", "observation", "assistant", "observation", "assistant"]);
    expect(t.turns[3]!.raw_text).toBe("18°C, cloudy");

    expect(await readerCalls(file)).toEqual([
      'toolu_01 get_weather {"city":"Paris"}',
      'toolu_02 get_weather {"city":"Oslo","unit":"c"}',
      'call_3_0 get_time {"tz":"Europe/Oslo"}',
    ]);
  });

  it("LLaMA-Factory ShareGPT tools: function_call turns with their raw JSON, observations after them", async () => {
    const file = path.join(dir, "glaive-tools.json");
    writeFileSync(file, JSON.stringify([{ id: "lf-1", ...llamaFactoryRow }], null, 2));
    expect(await importFile(ACTOR, { filePath: file })).toMatchObject({ format: "sharegpt-tools", imported: 1 });
    const t = await stored("lf-1");
    expect(t).toMatchObject({ turn_count: 7, step_count: 3, reward: null });
    expect(t.turns.map((x) => x.role)).toEqual(["system", "user", "assistant", "observation", "assistant", "observation", "assistant"]);
    expect(t.turns[4]!.raw_text).toBe(llamaFactoryRow.conversations[3]!.value);
    expect(await readerCalls(file)).toEqual([
      'call_1_0 multiply {"a":12,"b":7}',
      'call_3_0 convert {"value": 5, "from": "km"}',
      'call_3_1 multiply {"a":5,"b":0.621}',
    ]);
  });

  it("SWE-smith-style OpenAI rows: OpenHands text calls are read into calls, raw text untouched", async () => {
    const file = writeLines(dir, "swe-smith.jsonl", [sweSmithRow]);
    expect(await importFile(ACTOR, { filePath: file })).toMatchObject({ format: "openai", imported: 1 });
    const t = await stored("swe-smith", "dataset");
    expect(t.turns.map((x) => x.raw_text)).toEqual(sweSmithRow.messages.map((m) => m.content));
    expect(t.turns.map((x) => x.action_kind)).toEqual([null, null, "tool_call", null, "tool_call"]);
    expect(t.turns[2]!.thought).toBe("Run the tests first.");
    const [calls] = await parsedCalls(file);
    expect(calls!.calls).toEqual([
      ['call_2_0 bash {"command":"pytest -q tests/test_core.py"}'],
      ['call_4_0 finish {"message":"Fixed."}'],
    ]);
    expect(calls!.results).toEqual([["call_2_0"]]);
  });
});

describe("de-duplicating tool-calling records", () => {
  it("keeps two records whose texts are equal but whose calls, reasoning or result links differ", async () => {
    const base = { system: "s", messages: [{ role: "user", content: "Weather in Paris?" }] };
    const call = (input: object, thinking = "t") => ({
      ...base,
      messages: [...base.messages, { role: "assistant", content: [{ type: "thinking", thinking }, { type: "tool_use", id: "c1", name: "get_weather", input }] }],
    });
    const rows = [call({ city: "Paris" }), call({ city: "Lyon" }), call({ city: "Paris" }, "other"), call({ city: "Paris" })];
    const file = writeLines(dir, "claude-dups.jsonl", rows);
    // the last row repeats the first exactly: that one is a duplicate
    expect(await importFile(ACTOR, { filePath: file })).toMatchObject({ format: "anthropic", imported: 3, duplicates: 1 });
  });
});

/** Calls the reader itself put on the turns (structured in the file; lib/steps carries them to the writer). */
async function readerCalls(file: string): Promise<string[]> {
  const calls: string[] = [];
  for await (const item of readTrajectories(file, await detectFormat(file))) {
    if (item.kind !== "trajectory") continue;
    for (const turn of item.value.turns) for (const c of turn.toolCalls ?? []) calls.push(`${c.id} ${c.name} ${c.arguments}`);
  }
  return calls;
}
