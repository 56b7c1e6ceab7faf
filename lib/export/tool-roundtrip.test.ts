/**
 * Tool-calling data end to end on a real PostgreSQL (issue 15): files in every tool-calling shape are imported
 * by the real importers (nothing inserted by hand), accepted, and exported with the default recipe and with
 * toolCalls "native" + reasoningAs "think". Every structured call leaves with the arguments the source file
 * wrote, byte for byte; text calls converted with "native" give as many calls as the text holds; results answer
 * their call by id; every JSONL file passes the strict schemas; a re-export is byte-identical; a test item leaked
 * only inside an imported call's arguments is found by the contamination check.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { createRun, runItems, workRun } from "@/lib/contamination/run";
import { pool } from "@/lib/db/client";
import { anthropicRow, llamaFactoryRow, nebiusRow } from "@/lib/formats/fixtures/tool-samples";
import { legacyRow, parallelRow, sweGymRow } from "@/lib/formats/fixtures/tool-calling";
import { detectFormat, readTrajectories } from "@/lib/formats";
import { importFile } from "@/lib/import/import-file";
import { prepareTrajectory } from "@/lib/import/prepare-trajectory";
import { importTestSet } from "@/lib/testsets/import";
import { useTestDatabase } from "@/testing/database";
import { scratchDir, writeLines } from "@/testing/fixtures";
import { writeDemoFiles } from "@/demo";
import { JSONL_SCHEMAS } from "./__fixtures__/file-schemas";
import { createExport, getExport, type TExport } from "./exports";
import type { TRecipeInput } from "./recipe";
import { runExport } from "./run";
import { LocalExportStorage } from "./storage";

useTestDatabase();

const ADMIN = systemActor("test");
const LEAK = "Which airline flies nonstop from Reykjavik to Ulaanbaatar on the first Tuesday of every month in winter";

/** Hermes/Qwen text calls: `<think>` reasoning, two parallel `<tool_call>` blocks, results as tool messages without ids. */
const hermesRow = {
  id: "hermes-1",
  messages: [
    { role: "system", content: "You may call get_weather. Write calls as <tool_call>{...}</tool_call>." },
    { role: "user", content: "Weather in Paris and Rome?" },
    {
      role: "assistant",
      content:
        '<think>\nTwo cities, two calls.\n</think>\n\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Rome", "unit": "c"}}\n</tool_call>',
    },
    { role: "tool", content: "<tool_response>\n18 C\n</tool_response>\n<tool_response>\n24 C\n</tool_response>" },
    { role: "assistant", content: "<think>\nBoth answered.\n</think>\n\nParis 18 C, Rome 24 C." },
  ],
};

/** OpenHands' non-native syntax (SWE-smith): OpenAI messages whose calls are `<function=..>` text, results as user turns. */
const openHandsRow = {
  instance_id: "acme__gadgets.abc123.pr_9",
  messages: [
    { role: "system", content: "You are OpenHands agent. Call tools as <function=NAME><parameter=KEY>value</parameter></function>." },
    { role: "user", content: "Fix the failing test in tests/test_io.py" },
    { role: "assistant", content: "Run the tests first.\n<function=bash>\n<parameter=command>pytest -q tests/test_io.py</parameter>\n</function>" },
    { role: "user", content: "EXECUTION RESULT of [bash]:\n1 failed" },
    { role: "assistant", content: "<function=str_replace_editor>\n<parameter=command>view</parameter>\n<parameter=path>/repo/io.py</parameter>\n</function>" },
    { role: "user", content: "EXECUTION RESULT of [str_replace_editor]:\n1 def read(): pass" },
    { role: "assistant", content: "<function=finish>\n<parameter=message>Fixed.</parameter>\n</function>" },
  ],
};

/** A function-calling row whose only leak of a test item sits inside a call's arguments. */
const leakRow = {
  id: "leak-1",
  tools: [{ type: "function", function: { name: "search_flights", parameters: { type: "object", properties: { q: { type: "string" } } } } }],
  messages: [
    { role: "user", content: "Find me something." },
    { role: "assistant", content: null, tool_calls: [{ id: "lk1", type: "function", function: { name: "search_flights", arguments: JSON.stringify({ q: `${LEAK}?` }) } }] },
    { role: "tool", tool_call_id: "lk1", content: "none" },
    { role: "assistant", content: "Nothing found." },
  ],
};

type TSourceCall = { id: string | null; arguments: string };
/** The calls each file's records write, in order, with their arguments exactly as the file holds them. */
const SOURCE_CALLS: Record<string, TSourceCall[]> = {
  "swe-gym": sweGymRow.messages.flatMap((m) => (m.tool_calls ?? []).map((c) => ({ id: c.id, arguments: c.function.arguments }))),
  "fc-1": parallelRow.messages.flatMap((m) => (m.tool_calls ?? []).map((c) => ({ id: c.id, arguments: c.function.arguments }))),
  legacy: legacyRow.messages.flatMap((m) => (m.function_call ? [{ id: null, arguments: m.function_call.arguments }] : [])),
  "conv-001": anthropicRow.messages.flatMap((m) =>
    typeof m.content === "string"
      ? []
      : (m.content as { type: string; id?: string; input?: unknown }[]).flatMap((b) => (b.type === "tool_use" ? [{ id: b.id ?? null, arguments: JSON.stringify(b.input) }] : [])),
  ),
  "lf-1": llamaFactoryRow.conversations.flatMap((t) => {
    if (t.from !== "function_call") return [];
    const value = JSON.parse(t.value) as { arguments: unknown } | { arguments: unknown }[];
    return (Array.isArray(value) ? value : [value]).map((c) => ({ id: null, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments) }));
  }),
};

/** How many calls each text-syntax record writes in its text. */
const TEXT_CALL_COUNTS: Record<string, number> = {
  "hermes-1": hermesRow.messages.reduce((n, m) => n + (m.role === "assistant" ? m.content.split("<tool_call>").length - 1 : 0), 0),
  [openHandsRow.instance_id]: openHandsRow.messages.reduce((n, m) => n + (m.role === "assistant" ? m.content.split("<function=").length - 1 : 0), 0),
  [nebiusRow.instance_id]: nebiusRow.trajectory.filter((t) => t.role === "ai" && t.text?.includes("```")).length,
};

let dir: string;
let storage: LocalExportStorage;
const sourceBytes: string[] = [];

async function importRows(name: string, rows: object[], expected: string) {
  const file = name.endsWith(".json") ? path.join(dir, name) : writeLines(dir, name, rows);
  if (name.endsWith(".json")) writeFileSync(file, JSON.stringify(rows, null, 2));
  sourceBytes.push(readFileSync(file, "utf8"));
  const report = await importFile(ADMIN, { filePath: file, datasetName: name.replace(/\..*$/, "") });
  expect(report, name).toMatchObject({ format: expected, imported: rows.length, skipped: 0 });
}

beforeAll(async () => {
  // Runs that pass the default thresholds (the fixtures' failed runs would be left out of a default export).
  dir = scratchDir();
  storage = new LocalExportStorage(path.join(dir, "exports"));
  await importRows("openai.jsonl", [{ ...sweGymRow, instance_id: "swe-gym" }, { ...parallelRow, reward: 1 }, { id: "legacy", ...legacyRow, success: 1 }, leakRow], "openai");
  await importRows("anthropic.jsonl", [anthropicRow], "anthropic");
  await importRows("llama-factory.json", [{ id: "lf-1", ...llamaFactoryRow }], "sharegpt-tools");
  await importRows("hermes.jsonl", [hermesRow], "openai");
  await importRows("openhands.jsonl", [openHandsRow], "openai");
  await importRows("nebius.jsonl", [nebiusRow], "sweagent");
  await pool().query(`update trajectories set status = 'accepted'`);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportWith(recipe: TRecipeInput): Promise<TExport> {
  const created = await createExport(ADMIN, { recipe });
  const { state } = await runExport(ADMIN, created.id, {}, storage);
  const done = await getExport(ADMIN, created.id);
  expect(state, done.error ?? "").toBe("finished");
  return done;
}

const fileText = (exported: TExport, name: string) => readFile(path.join(dir, "exports", String(exported.id), name), "utf8");
const lines = async (exported: TExport, name: string) => (await fileText(exported, name)).trimEnd().split("\n").map((line) => JSON.parse(line));

type TCall = { id: string; type: string; function: { name: string; arguments: string } };
type TMessage = { role: string; content: string; reasoning_content: string | null; tool_calls: TCall[] | null; tool_call_id: string | null };
type TSample = { n: number; externalId: string };

/** messages.jsonl records by external id (samples.jsonl gives each line's trajectory, same order). */
async function messagesById(exported: TExport): Promise<Map<string, TMessage[]>> {
  const samples = (await lines(exported, "samples.jsonl")) as TSample[];
  const records = (await lines(exported, "messages.jsonl")) as { messages: TMessage[] }[];
  expect(records).toHaveLength(samples.length);
  return new Map(samples.map((sample, i) => [sample.externalId, records[i]!.messages]));
}

const RECIPES: TRecipeInput[] = [{}, { toolCalls: "native", reasoningAs: "think" }];
const ALL_IDS = [...Object.keys(SOURCE_CALLS), ...Object.keys(TEXT_CALL_COUNTS), "leak-1"];

describe("tool-calling files: import → accept → export", () => {
  it("exports every imported trajectory, each structured call with the source file's arguments byte for byte", async () => {
    for (const recipe of RECIPES) {
      const byId = await messagesById(await exportWith(recipe));
      expect([...byId.keys()].sort(), JSON.stringify(recipe)).toEqual([...ALL_IDS].sort());
      for (const [id, source] of Object.entries(SOURCE_CALLS)) {
        const calls = byId.get(id)!.flatMap((m) => m.tool_calls ?? []);
        expect(calls.map((c) => c.function.arguments), `${id} ${JSON.stringify(recipe)}`).toEqual(source.map((c) => c.arguments));
        // ids the file gave are kept
        for (const [i, c] of source.entries()) if (c.id !== null) expect(calls[i]!.id).toBe(c.id);
      }
    }
    // the OpenAI arguments strings are in the source file as written (the JSON-encoded string itself)
    for (const id of ["swe-gym", "fc-1", "legacy"]) {
      for (const c of SOURCE_CALLS[id]!) expect(sourceBytes[0]).toContain(JSON.stringify(c.arguments));
    }
  }, 180_000);

  it("links every result to its call by tool_call_id, and keeps null content and reasoning", async () => {
    for (const recipe of RECIPES) {
      const byId = await messagesById(await exportWith(recipe));
      for (const id of ALL_IDS) {
        const messages = byId.get(id)!;
        const callIds = messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.id));
        const answered = messages.filter((m) => m.role === "tool").map((m) => m.tool_call_id);
        for (const answer of answered) expect(callIds, `${id} ${JSON.stringify(recipe)}`).toContain(answer);
        // every structured call is answered by exactly one tool message (what OpenAI-shaped trainers require), but
        // the calls that end the run (finish, submit), which the data gives no result
        const last = messages[messages.length - 1]!;
        const ending = last.role === "assistant" ? (last.tool_calls ?? []).map((c) => c.id) : [];
        expect([...answered, ...ending].sort(), `${id} ${JSON.stringify(recipe)}`).toEqual([...callIds].sort());
      }
      const sweGym = byId.get("swe-gym")!;
      expect(sweGym.find((m) => m.tool_calls !== null)!.content).toBe("");
      expect(sweGym.filter((m) => m.role === "tool").map((m) => m.tool_call_id)).toEqual(["call_a1", "call_a2"]);
      const parallel = byId.get("fc-1")!;
      const step = parallel.find((m) => (m.tool_calls?.length ?? 0) === 2)!;
      expect(parallel.filter((m) => m.role === "tool").map((m) => m.tool_call_id)).toEqual(["c1", "c2"]);
      if (recipe.reasoningAs === "think") {
        expect(step.reasoning_content).toBeNull();
        expect(step.content).toBe("<think>\nI need both the weather and the time.\n</think>\n\n");
      } else {
        expect(step.reasoning_content).toBe("I need both the weather and the time.");
      }
    }
  }, 180_000);

  it("turns calls written as text into as many structured calls with toolCalls native, each result answering one", async () => {
    const asImported = await messagesById(await exportWith({}));
    const native = await messagesById(await exportWith({ toolCalls: "native", reasoningAs: "think" }));
    for (const [id, count] of Object.entries(TEXT_CALL_COUNTS)) {
      expect(asImported.get(id)!.flatMap((m) => m.tool_calls ?? []), id).toHaveLength(0);
      const messages = native.get(id)!;
      const calls = messages.flatMap((m) => m.tool_calls ?? []);
      expect(calls, id).toHaveLength(count);
      expect(new Set(calls.map((c) => c.id)).size, id).toBe(count);
      for (const c of calls) expect(() => JSON.parse(c.function.arguments), `${id} ${c.function.arguments}`).not.toThrow();
      const results = messages.filter((m) => m.role === "tool");
      expect(results.length, id).toBeGreaterThan(0);
    }
    const hermes = native.get("hermes-1")!.flatMap((m) => m.tool_calls ?? []);
    expect(hermes.map((c) => c.function.arguments)).toEqual(['{"city":"Paris"}', '{"city":"Rome","unit":"c"}']);
    // one tool turn holding both <tool_response> blocks: one tool message per call, each its own block
    expect(native.get("hermes-1")!.filter((m) => m.role === "tool").map((m) => [m.tool_call_id, m.content])).toEqual([
      [hermes[0]!.id, "<tool_response>\n18 C\n</tool_response>"],
      [hermes[1]!.id, "<tool_response>\n24 C\n</tool_response>"],
    ]);
  }, 180_000);

  it("keeps a result shared by parallel calls one observation in the LLaMA-Factory output, as the file wrote it", async () => {
    const exported = await exportWith({});
    const samples = (await lines(exported, "samples.jsonl")) as TSample[];
    const rows = (await lines(exported, "conversations.jsonl")) as { conversations: { from: string; value: string }[] }[];
    const lf = rows[samples.findIndex((sample) => sample.externalId === "lf-1")]!;
    expect(lf.conversations.filter((t) => t.from === "observation").map((t) => t.value)).toEqual(
      llamaFactoryRow.conversations.filter((t) => t.from === "observation").map((t) => t.value),
    );
    const messages = (await messagesById(exported)).get("lf-1")!.filter((m) => m.role === "tool");
    expect(messages.map((m) => [m.tool_call_id, m.content])).toEqual([
      ["call_1_0", '{"result": 84}'],
      ["call_3_0", '[{"miles": 3.1}, {"result": 3.105}]'],
      ["call_3_1", ""],
    ]);
  }, 180_000);

  it("writes every JSONL file in the strict schema of its file, and a re-export byte-identical", async () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    for (const recipe of RECIPES) {
      const exported = await exportWith(recipe);
      for (const [name, schema] of Object.entries(JSONL_SCHEMAS)) {
        const text = await fileText(exported, name).catch(() => null);
        if (text === null) continue;
        const validate = ajv.compile(schema);
        for (const [i, record] of text.trimEnd().split("\n").entries()) {
          expect(validate(JSON.parse(record)), `${name} line ${i + 1} (${JSON.stringify(recipe)}): ${ajv.errorsText(validate.errors)}`).toBe(true);
        }
      }
      const again = await exportWith(recipe);
      for (const file of exported.files.filter((f) => f.name !== "manifest.json")) {
        expect(again.files.find((f) => f.name === file.name)?.sha256, `${file.name} ${JSON.stringify(recipe)}`).toBe(file.sha256);
      }
    }
  }, 240_000);

  it("reads its own native messages.jsonl and conversations.jsonl back through the importers with the same calls", async () => {
    const exported = await exportWith({ toolCalls: "native" });
    const exportedCalls = [...(await messagesById(exported)).values()].flatMap((m) => m.flatMap((x) => (x.tool_calls ?? []).map((c) => c.function.arguments)));
    for (const name of ["messages.jsonl", "conversations.jsonl"]) {
      const file = path.join(dir, "exports", String(exported.id), name);
      // records equal to an imported one are duplicates (same content hash): nothing is refused
      const report = await importFile(ADMIN, { filePath: file, datasetName: `readback-${name.replace(".", "-")}` });
      expect(report.imported + report.duplicates, `${name}: ${JSON.stringify(report)}`).toBe(ALL_IDS.length);
      expect(report.skipped, name).toBe(0);
      const calls: string[] = [];
      for await (const item of readTrajectories(file, await detectFormat(file))) {
        if (item.kind !== "trajectory") continue;
        const turns = prepareTrajectory(item.value, { kind: "agent" }).parsed.turns;
        for (const turn of turns) for (const c of turn.toolCalls) calls.push(c.arguments);
      }
      // messages.jsonl keeps each arguments string; LLaMA-Factory's value holds them as a JSON object, read back re-serialised
      const same = name === "messages.jsonl" ? (text: string) => text : (text: string) => JSON.stringify(JSON.parse(text));
      expect(calls.map(same).sort(), name).toEqual(exportedCalls.map(same).sort());
    }
  }, 120_000);

  it("finds a test item leaked only inside an imported call's arguments (dirty)", async () => {
    const testFile = writeLines(dir, "bench.jsonl", [{ id: "leaked", question: LEAK }, { id: "clean", question: "Which country has the longest coastline in the world and how long is it measured in kilometres exactly" }]);
    const task = (await pool().query<{ task: string }>("select task from trajectories where external_id = 'leak-1'")).rows[0]!.task;
    await importTestSet(ADMIN, testFile, { name: "flights-bench", task, fields: ["question"] });
    const run = await workRun(ADMIN, (await createRun(ADMIN, "flights-bench")).id);
    expect(run.state).toBe("finished");
    const labels = Object.fromEntries((await runItems(ADMIN, run.id)).map((item) => [item.externalId, item.label]));
    expect(labels).toEqual({ leaked: "dirty", clean: "clean" });
  }, 120_000);
});

describe("the demo's tool-calling dataset (TripDesk)", () => {
  it("imports and exports with calls and results linked, in the strict schema", async () => {
    const demo = await writeDemoFiles(path.join(dir, "demo"), { seed: 2, perTask: 1, generalRows: 2, tasks: ["os"], toolRows: 24 });
    const file = demo.files.find((f) => f.name === "demo-tool-calling")!;
    const report = await importFile(ADMIN, { filePath: file.path, datasetName: file.name, kind: "agent" });
    expect(report).toMatchObject({ format: "openai", imported: 24, skipped: 0 });
    await pool().query(`update trajectories set status = 'accepted' where dataset_id = (select id from datasets where name = $1)`, [file.name]);
    const exported = await exportWith({ sources: { agentDatasets: [file.name] } });
    const byId = await messagesById(exported);
    const trip = [...byId.entries()].filter(([id]) => id.startsWith("tripdesk_"));
    expect(trip.length).toBeGreaterThan(0);
    const source = new Map(
      readFileSync(file.path, "utf8").trimEnd().split("\n").map((line) => {
        const row = JSON.parse(line) as { id: string; messages: { tool_calls?: { function: { arguments: string } }[] }[] };
        return [row.id, row.messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.function.arguments))];
      }),
    );
    for (const [id, messages] of trip) {
      expect(messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.function.arguments)), id).toEqual(source.get(id));
    }
    const validate = new Ajv({ strict: true }).compile(JSONL_SCHEMAS["messages.jsonl"]!);
    for (const line of (await fileText(exported, "messages.jsonl")).trimEnd().split("\n")) expect(validate(JSON.parse(line))).toBe(true);
  }, 180_000);
});
