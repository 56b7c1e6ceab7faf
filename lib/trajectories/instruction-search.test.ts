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
    const { where, values } = searchCondition("socket");
    const found = await pool().query<{ external_id: string }>(`select external_id from trajectories t where ${where}`, values);
    expect(found.rows.map((row) => row.external_id)).toEqual(["os_search_2"]);
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
