import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { filterConditions } from "./filters";
import { filterFromSearch } from "./query";

useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();

/** Rows whose stored search vector is not the vector of their instruction (null counts as stale). */
async function staleVectors(): Promise<number> {
  const result = await pool().query<{ n: number }>(
    "select count(*)::int as n from trajectories where instruction_search is distinct from to_tsvector('simple', instruction)",
  );
  return result.rows[0]!.n;
}

/** The q condition as the list, the facets and the export compile it. */
function searchCondition(q: string) {
  const params = new SqlParams();
  const conditions = filterConditions(filterFromSearch(`q=${encodeURIComponent(q)}`), params);
  return { where: conditions.join(" and "), values: params.values };
}

async function planOf(sql: string, values: unknown[]): Promise<string> {
  const plan = await pool().query<{ "QUERY PLAN": unknown }>(`explain (verbose, format json) ${sql}`, values);
  return JSON.stringify(plan.rows[0]!["QUERY PLAN"]);
}

describe("the instruction's stored search vector", () => {
  it("is written by every insert (the importer's staged move, Prisma's create) and kept current when the instruction changes", async () => {
    const rows = [
      osRow("os_search_1", "Count the log files in the linux shell.", [{ think: "Count.", answer: "3" }]),
      osRow("os_search_2", "Rename the archive in /tmp.", [{ think: "Rename.", bash: "mv a b", output: "" }, { think: "Done.", answer: "ok" }]),
    ];
    const report = await importFile(ACTOR, { filePath: writeLines(dir, "os-search.jsonl", rows) });
    expect(report.imported).toBe(2);
    const dataset = await pool().query<{ id: number }>("select dataset_id as id from trajectories limit 1");
    const created = await prisma().trajectory.create({
      data: {
        datasetId: dataset.rows[0]!.id, externalId: "prisma_1", task: "os", instruction: "Kill the zombie process.",
        turnCount: 0, stepCount: 0, tokenCount: 0, contentHash: "prisma-search-1",
      },
    });
    expect(await prisma().trajectory.findUnique({ where: { id: created.id } })).toMatchObject({ instruction: "Kill the zombie process." });
    const filled = await pool().query<{ n: number }>("select count(*)::int as n from trajectories where instruction_search is not null");
    expect(filled.rows[0]!.n).toBe(3);
    expect(await staleVectors()).toBe(0);

    await pool().query("update trajectories set instruction = 'Find the hidden socket.' where external_id = 'os_search_2'");
    expect(await staleVectors()).toBe(0);
    await pool().query("update trajectories set instruction_search = null where external_id = 'os_search_1'");
    expect(await staleVectors()).toBe(0);
    const { where, values } = searchCondition("socket");
    const found = await pool().query<{ external_id: string }>(`select external_id from trajectories t where ${where}`, values);
    expect(found.rows.map((row) => row.external_id)).toEqual(["os_search_2"]);
  });

  it("is supplied by the importer itself, equal to PostgreSQL's own vector of the stored instruction, however messy", async () => {
    const messy = [
      "Tab\there, a back\\slash, 'single' and \"double\" quotes: find the LIGHTHOUSE log.",
      "A NUL \u0000 byte, a lone surrogate \ud83d and an emoji 😀 in the lighthouse's name.",
      "Ünïcödé wörds: Straße,東京, 'don''t' \\N \\t lighthouse-keeper.",
      "?!. -- ;;", // no word at all: an empty vector, not a null one
      `${"lighthouse ".repeat(3000)}end`, // one word in thousands of positions
      "Open http://lighthouse.example/keeper's\\log?day='mon' in the browser.", // a lexeme with a quote: '/keeper''s'
    ];
    const rows = messy.map((question, index) => osRow(`os_messy_${index}`, question, [{ think: "Look.", answer: "ok" }]));
    // A record repeated within the batch is skipped as a duplicate: the vectors after it must stay with their rows.
    rows.splice(2, 0, { ...rows[1]!, id: "os_messy_repeat" });
    // Without the insert trigger, only a vector the importer gives is stored.
    await pool().query("alter table trajectories disable trigger trajectory_instruction_search_insert");
    try {
      const report = await importFile(ACTOR, { filePath: writeLines(dir, "os-messy-search.jsonl", rows) });
      expect(report).toMatchObject({ imported: messy.length, duplicates: 1 });
    } finally {
      await pool().query("alter table trajectories enable trigger trajectory_instruction_search_insert");
    }
    const stored = await pool().query<{ external_id: string; supplied: boolean; same: boolean; empty: boolean }>(
      `select external_id, instruction_search is not null as supplied,
              instruction_search = to_tsvector('simple', instruction) as same, instruction_search = ''::tsvector as empty
         from trajectories where external_id like 'os_messy_%' order by external_id`,
    );
    expect(stored.rows.map(({ supplied, same }) => ({ supplied, same }))).toEqual(messy.map(() => ({ supplied: true, same: true })));
    expect(stored.rows.map((row) => row.empty)).toEqual([false, false, false, true, false, false]);
    const quoted = await pool().query<{ vector: string }>("select instruction_search::text as vector from trajectories where external_id = 'os_messy_5'");
    expect(quoted.rows[0]!.vector).toContain("'/keeper''s'");
    const { where, values } = searchCondition("lighthouse");
    const found = await pool().query<{ n: number }>(`select count(*)::int as n from trajectories t where ${where} and external_id like 'os_messy_%'`, values);
    expect(found.rows[0]!.n).toBe(4);
  });

  it("is what the text search reads: no to_tsvector per row on the facets' sample, and its GIN index serves the exact count", async () => {
    const { where, values } = searchCondition("linux");
    expect(where).toContain("t.instruction_search @@");
    // The facets' estimate path: a table sample filtered row by row (lib/trajectories/facets.ts countFiltered).
    const sampled = await planOf(`select count(*) filter (where ${where}) from (select * from trajectories tablesample system (50) repeatable (17)) t`, values);
    expect(sampled).toContain("instruction_search");
    expect(sampled).not.toContain("to_tsvector");
    // The expression index it replaces would be one more GIN index for every import to update.
    const old = await pool().query<{ old: string | null }>("select to_regclass('trajectories_instruction_fts_idx')::text as old");
    expect(old.rows[0]!.old).toBeNull();

    const client = await pool().connect();
    try {
      // On a few rows the planner prefers a scan: forbid it to see that the index matches the condition.
      await client.query("set enable_seqscan = off");
      const plan = await client.query<{ "QUERY PLAN": unknown }>(`explain (format json) select id from trajectories t where ${where}`, values);
      expect(JSON.stringify(plan.rows[0]!["QUERY PLAN"])).toContain("trajectories_instruction_search_idx");
    } finally {
      await client.query("reset enable_seqscan");
      client.release();
    }
  });
});
