/**
 * Exports of tool-calling trajectories end to end on a real PostgreSQL (issue 15, Export): trajectories stored
 * the way the tool-calling importers store them, next to a ReAct dataset imported from a file. Every exported
 * JSONL file passes a strict schema of one shape (every key on every record and turn, nothing else); call
 * arguments leave byte for byte; text calls converted with toolCalls "native" give as many calls as stored;
 * reruns are byte-identical.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { insertTrajectory } from "@/testing/tool-trajectories";
import { rm } from "node:fs/promises";
import { createExport, getExport, type TExport } from "./exports";
import { JSONL_SCHEMAS } from "./__fixtures__/file-schemas";
import type { TRecipeInput } from "./recipe";
import { runExport } from "./run";
import { LocalExportStorage } from "./storage";
import { ALL, NATIVE } from "./transform/__fixtures__/tool-calling";

useTestDatabase();

const ADMIN = systemActor("test");
const FORMATS = ["conversations", "messages", "parquet", "preference"] as const;
let dir: string;
let storage: LocalExportStorage;

beforeAll(async () => {
  dir = scratchDir();
  storage = new LocalExportStorage(path.join(dir, "exports"));
  for (const fixture of ALL) await insertTrajectory(pool(), fixture);
  // A failed run of the same instruction: the preference pair's rejected side.
  await insertTrajectory(pool(), {
    ...NATIVE,
    externalId: "repo__issue-1-failed",
    reward: 0,
    status: "rejected",
    turns: [...NATIVE.turns.slice(0, 3), { role: "assistant", rawText: "I give up.", thought: "Nothing works." }],
  });
  // ReAct data beside it: AgentInstruct rows whose human turns have no loss flag.
  const file = writeLines(dir, "os.jsonl", [
    osRow("os_1", "How many files are in /tmp?", [{ think: "List them.", bash: "ls /tmp | wc -l", output: "3" }, { think: "Three.", answer: "3" }]),
  ]);
  await importFile(ADMIN, { filePath: file, task: "os", datasetName: "agentinstruct-os" });
  await pool().query(`update trajectories set status = 'accepted' where external_id = 'os_1'`);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportWith(recipe: TRecipeInput): Promise<TExport> {
  const created = await createExport(ADMIN, { recipe: { formats: [...FORMATS], shares: { mode: "natural" }, seed: 5, ...recipe } });
  const { state } = await runExport(ADMIN, created.id, {}, storage);
  const done = await getExport(ADMIN, created.id);
  expect(state, done.error ?? "").toBe("finished");
  return done;
}

const fileText = (exported: TExport, name: string) => readFile(path.join(dir, "exports", String(exported.id), name), "utf8");
const lines = async (exported: TExport, name: string) => (await fileText(exported, name)).trimEnd().split("\n").map((line) => JSON.parse(line));

type TCall = { id: string; type: string; function: { name: string; arguments: string } };
type TMessage = { role: string; content: string; tool_calls: TCall[] | null; tool_call_id: string | null };

async function storedCalls(): Promise<Map<string, string>> {
  const rows = await pool().query<{ id: string; arguments: string }>(
    `select c->>'id' as id, c->>'arguments' as arguments from turns tu cross join jsonb_array_elements(tu.tool_calls) c
      join trajectories t on t.id = tu.trajectory_id where t.status = 'accepted'`,
  );
  return new Map(rows.rows.map((row) => [row.id + "@" + row.arguments, row.arguments]));
}

describe("export of tool-calling trajectories", () => {
  it("writes every JSONL file in one strict schema: every key on every record and turn, null where absent", async () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    for (const recipe of [{}, { toolCalls: "native", reasoningAs: "think" }, { thoughts: "none" }] as TRecipeInput[]) {
      const exported = await exportWith(recipe);
      expect(exported.summary!.preferencePairs, JSON.stringify(recipe)).toBe(1);
      for (const [name, schema] of Object.entries(JSONL_SCHEMAS)) {
        const validate = ajv.compile(schema);
        const records = await lines(exported, name);
        expect(records.length, name).toBeGreaterThan(0);
        for (const [i, record] of records.entries()) {
          expect(validate(record), `${name} line ${i + 1} (${JSON.stringify(recipe)}): ${ajv.errorsText(validate.errors)}`).toBe(true);
        }
      }
    }
  }, 120_000);

  it("exports every call with its arguments byte for byte, and results as tool messages answering it", async () => {
    const exported = await exportWith({});
    const text = await fileText(exported, "messages.jsonl");
    const records = await lines(exported, "messages.jsonl");
    const native = records.find((r) => r.tools !== null && r.messages.some((m: TMessage) => m.tool_calls !== null))!;
    expect(native.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(["bash", "edit"]);
    const calls: TCall[] = native.messages.flatMap((m: TMessage) => m.tool_calls ?? []);
    const stored = await pool().query<{ arguments: string }>(
      `select c->>'arguments' as arguments from turns tu cross join jsonb_array_elements(tu.tool_calls) c
        join trajectories t on t.id = tu.trajectory_id where t.external_id = $1 order by tu.index`,
      [NATIVE.externalId],
    );
    expect(calls.map((c) => c.function.arguments)).toEqual(stored.rows.map((row) => row.arguments));
    for (const row of stored.rows) expect(text).toContain(JSON.stringify(row.arguments));
    const answered = native.messages.filter((m: TMessage) => m.role === "tool").map((m: TMessage) => m.tool_call_id);
    expect(answered).toEqual(calls.map((c) => c.id));
  }, 60_000);

  it("converts calls written as text with toolCalls native: as many structured calls as stored, same arguments", async () => {
    const calls = await storedCalls();
    const asImported = (await lines(await exportWith({}), "messages.jsonl")).flatMap((r) => r.messages.flatMap((m: TMessage) => m.tool_calls ?? []));
    const native = (await lines(await exportWith({ toolCalls: "native" }), "messages.jsonl")).flatMap((r) => r.messages.flatMap((m: TMessage) => m.tool_calls ?? []));
    // As imported, only the natively stored calls are structured; converted, every stored call is, once.
    expect(asImported.length).toBe(NATIVE.turns.flatMap((t) => t.toolCalls ?? []).length);
    expect(native.map((c: TCall) => c.id + "@" + c.function.arguments).sort()).toEqual([...calls.keys()].sort());
  }, 60_000);

  it("writes LLaMA-Factory function_call and observation turns, tools as a JSON string, in the JSONL and the parquet", async () => {
    const exported = await exportWith({ toolCalls: "native" });
    const rows = await lines(exported, "conversations.jsonl");
    const native = rows.find((r) => r.id === NATIVE.externalId)!;
    expect(native.conversations.map((t: { from: string }) => t.from)).toEqual([
      "system", "human", "function_call", "observation", "function_call", "observation", "gpt",
    ]);
    expect(JSON.parse(native.tools)).toEqual(NATIVE.tools);
    const { asyncBufferFromFile, parquetReadObjects } = await import("hyparquet");
    const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(path.join(dir, "exports", String(exported.id), "conversations.parquet")) });
    const row = parquet.find((r) => r.id === NATIVE.externalId)!;
    expect(row.tools).toBe(native.tools);
    expect(row.conversations).toEqual(native.conversations);
    expect(parquet.find((r) => r.id === "os_1")!.tools).toBeNull();
  }, 60_000);

  it("gives byte-identical files when run twice", async () => {
    const first = await exportWith({ toolCalls: "native" });
    const second = await exportWith({ toolCalls: "native" });
    for (const file of first.files.filter((f) => f.name !== "manifest.json")) {
      expect(second.files.find((f) => f.name === file.name)?.sha256, file.name).toBe(file.sha256);
    }
  }, 60_000);

  it("names a bad toolCalls or reasoningAs value and stores nothing", async () => {
    const before = await pool().query<{ n: number }>("select count(*)::int as n from exports");
    await expect(createExport(ADMIN, { recipe: { reasoningAs: "inline" } })).rejects.toThrow(/recipe: reasoningAs: use "field" .* or "think"/);
    await expect(createExport(ADMIN, { recipe: { toolCalls: "text" } })).rejects.toThrow(/recipe: toolCalls: use "asImported" .* or "native"/);
    expect((await pool().query<{ n: number }>("select count(*)::int as n from exports")).rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
