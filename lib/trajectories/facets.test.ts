import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { systemActor } from "@/lib/access/actor";
import { useTestDatabase } from "@/testing/database";
import { facetCounts, type TFacets } from "./facets";
import { filterFromSearch } from "./query";

useTestDatabase();
const ACTOR = systemActor("test");
const ROWS = 40_000;

/** Every facet as { value: count }, straight from GROUP BYs over the whole table. */
async function exactCounts(where = "true"): Promise<Record<keyof TFacets, Record<string, number>>> {
  const columns = { task: "task", status: "status::text", model: "coalesce(source_model, '(none)')", dataset: "dataset_id::text", contamination: "coalesce((select c.label from trajectory_contamination c where c.trajectory_id = t.id), 'unchecked')" };
  const entries = await Promise.all(
    Object.entries(columns).map(async ([facet, column]) => {
      const rows = await pool().query<{ v: string; n: number }>(`select ${column} as v, count(*)::int as n from trajectories t where ${where} group by 1`);
      return [facet, Object.fromEntries(rows.rows.map((row) => [row.v, row.n]))];
    }),
  );
  return Object.fromEntries(entries);
}

const asCounts = (facets: TFacets) =>
  Object.fromEntries(Object.entries(facets).map(([facet, values]) => [facet, Object.fromEntries(values.map((value) => [value.value, value.count]))]));

beforeAll(async () => {
  await pool().query(`insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values
    (1, 'alpha', 'a.jsonl', 'agentinstruct', 'x', 1, 'test'), (2, 'beta', 'b.jsonl', 'agentinstruct', 'y', 1, 'test')`);
  await pool().query(
    `insert into trajectories (dataset_id, external_id, task, source_model, instruction, turn_count, step_count, token_count, content_hash)
     select 1 + (i % 2), 'item_' || i, (array['os','db','webshop','kg'])[1 + i % 4], case when i % 5 = 0 then null else 'gpt-4' end,
            case when i % 3 = 0 then 'in the linux shell, count files' else 'buy a lamp' end, 2, 1, 5, md5(i::text)
       from generate_series(1, $1::int) i`,
    [ROWS],
  );
  await pool().query(`insert into trajectory_contamination (trajectory_id, rate, label)
                      select id, 0.1, 'clean' from trajectories where split_part(external_id, '_', 2)::int % 7 = 0`);
  await pool().query("analyze trajectories");
});

describe("facet counts at scale", () => {
  it("counts without a filter come exact from the summary, kept current by inserts, decisions and deletes", async () => {
    expect(asCounts(await facetCounts(ACTOR, filterFromSearch("")))).toEqual(await exactCounts());
    // What a decision does to the row, what a contamination check does (new labels, a changed one, one dropped), and a
    // dataset removed with its trajectories and their labels.
    await pool().query("update trajectories set status = 'accepted', review_count = 1 where id in (select id from trajectories order by id limit 25)");
    await pool().query(`insert into trajectory_contamination (trajectory_id, rate, label)
                        select id, 0.9, 'dirty' from trajectories order by id desc limit 10
                        on conflict (trajectory_id) do update set rate = excluded.rate, label = excluded.label`);
    await pool().query("delete from trajectory_contamination where trajectory_id = (select min(trajectory_id) from trajectory_contamination)");
    await pool().query("insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values (3, 'gamma', 'g.jsonl', 'agentinstruct', 'z', 1, 'test')");
    await pool().query("insert into trajectories (dataset_id, external_id, task, turn_count, step_count, token_count, content_hash) select 3, 'g_' || i, 'alfworld', 1, 1, 1, md5('g' || i) from generate_series(1, 30) i");
    await pool().query("insert into trajectory_contamination (trajectory_id, rate, label) select id, 0.5, 'neither' from trajectories where dataset_id = 3 order by id limit 5");
    const withGamma = asCounts(await facetCounts(ACTOR, filterFromSearch("")));
    expect(withGamma.task!.alfworld).toBe(30);
    expect(withGamma.contamination!.neither).toBe(5);
    expect(withGamma).toEqual(await exactCounts());
    await pool().query("delete from datasets where id = 3");
    const facets = await facetCounts(ACTOR, filterFromSearch(""));
    expect(asCounts(facets)).toEqual(await exactCounts());
    expect(Object.values(facets).flat().every((value) => !value.estimated)).toBe(true);
    const summary = await pool().query<{ n: number }>("select count(*)::int as n from trajectory_facet_deltas");
    expect(summary.rows[0]!.n).toBeGreaterThan(0);
  });

  it("estimates (and says so) where a filter matches more rows than an exact count can afford, exact below that", async () => {
    const big = await facetCounts(ACTOR, filterFromSearch("q=linux"));
    const exact = await exactCounts("t.instruction_search @@ websearch_to_tsquery('simple', 'linux')");
    expect(big.status.every((value) => value.estimated)).toBe(true);
    for (const value of big.task) {
      expect(value.estimated).toBe(true);
      expect(Math.abs(value.count - exact.task[value.value]!) / exact.task[value.value]!).toBeLessThan(0.25);
    }
    const small = await facetCounts(ACTOR, filterFromSearch("task=kg&dataset=1&contamination=clean"));
    const exactSmall = await exactCounts("t.task = 'kg' and t.dataset_id = 1 and exists (select 1 from trajectory_contamination c where c.trajectory_id = t.id and c.label = 'clean')");
    expect(Object.fromEntries(small.status.map((value) => [value.value, value.count]))).toEqual(exactSmall.status);
    expect(small.status.every((value) => !value.estimated)).toBe(true);
    // A facet's own null value (no model, unchecked) is a count of its own, not the grouping's empty cell.
    const narrow = asCounts(await facetCounts(ACTOR, filterFromSearch("q=linux&task=os&dataset=1")));
    const exactNarrow = await exactCounts("t.instruction_search @@ websearch_to_tsquery('simple', 'linux') and t.task = 'os' and t.dataset_id = 1");
    expect(narrow.model).toEqual(exactNarrow.model);
    expect(narrow.model!["(none)"]).toBeGreaterThan(0);
    expect(narrow.contamination).toEqual(exactNarrow.contamination);
    expect(narrow.contamination!.unchecked).toBeGreaterThan(0);
  });
});
