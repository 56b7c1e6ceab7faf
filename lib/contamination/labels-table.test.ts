/**
 * The labels table (lib/contamination/finish.ts writes it). A check labels
 * without rereading the table per label, whatever its statistics say. Labels
 * have no foreign key to trajectories (finish.ts says why): triggers on
 * trajectories do what its cascade did. A removed dataset takes its
 * trajectories' labels, a truncated trajectories table takes every label, and
 * the sidebar's contamination counts (the facet summary) follow both.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { deleteDataset } from "@/lib/datasets/delete-dataset";
import { closeDb, pool } from "@/lib/db/client";
import { writeDemoFiles } from "@/demo";
import { importFile } from "@/lib/import/import-file";
import { importTestSet } from "@/lib/testsets/import";
import { facetCounts } from "@/lib/trajectories/facets";
import { filterFromSearch } from "@/lib/trajectories/query";
import { useTestDatabase } from "@/testing/database";
import { createRun, workRun } from "./run";

useTestDatabase();

const ACTOR = systemActor("test");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "labels-follow-"));
  const demo = await writeDemoFiles(dir, { perTask: 8, quirks: false, generalRows: 0 });
  for (const f of demo.files) {
    if (f.kind === "testset" || f.kind === "general") continue;
    await importFile(ACTOR, { filePath: f.path, kind: f.kind, ...(f.task ? { task: f.task } : {}) });
  }
  const testFile = demo.files.find((f) => f.kind === "testset")!;
  await importTestSet(ACTOR, testFile.path, { name: "demo", task: "mixed", fields: ["question"] });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function count(sql: string, values: unknown[] = []): Promise<number> {
  return (await pool().query<{ n: number }>(sql, values)).rows[0]!.n;
}

/** The summary's contamination counts against a count of the tables. */
async function expectExactContaminationFacet() {
  const exact = await pool().query<{ label: string; n: number }>(
    `select coalesce(c.label, 'unchecked') as label, count(*)::int as n
       from trajectories t left join trajectory_contamination c on c.trajectory_id = t.id group by 1`,
  );
  const facets = await facetCounts(ACTOR, filterFromSearch(""));
  const shown = Object.fromEntries(facets.contamination.filter((v) => v.count !== 0).map((v) => [v.value, v.count]));
  expect(shown).toEqual(Object.fromEntries(exact.rows.map((r) => [r.label, r.n])));
}

const ORPHANS = `select count(*)::int as n from trajectory_contamination c where not exists (select 1 from trajectories t where t.id = c.trajectory_id)`;

/** Each label's row version (xmin): it changes whenever the row is written. */
async function labelVersions(): Promise<Map<string, string>> {
  const r = await pool().query<{ id: string; xmin: string }>(`select trajectory_id::text as id, xmin::text from trajectory_contamination`);
  return new Map(r.rows.map((row) => [row.id, row.xmin]));
}

/** Sequential scans of the labels table so far (a rescan counts as one), and rows inserted into it. */
async function labelTableCounters(): Promise<{ seqScans: number; inserted: number }> {
  const r = await pool().query<{ seq_scan: string; n_tup_ins: string }>(
    `select seq_scan, n_tup_ins from pg_stat_user_tables where relname = 'trajectory_contamination'`,
  );
  return { seqScans: Number(r.rows[0]!.seq_scan), inserted: Number(r.rows[0]!.n_tup_ins) };
}

/** The counters once `insertedAtLeast` rows show: a backend reports its counters when it ends, a moment after the pool closes. */
async function reportedCounters(insertedAtLeast: number) {
  await closeDb();
  let counters = await labelTableCounters();
  for (let waited = 0; counters.inserted < insertedAtLeast && waited < 20_000; waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await closeDb();
    counters = await labelTableCounters();
  }
  return counters;
}

describe("contamination labels", () => {
  it("are written once by a first check, and a re-check rewrites only the labels that change", async () => {
    // As autovacuum leaves the table once every label is gone (all datasets removed, say): analysed, no rows.
    await pool().query(`analyze trajectory_contamination`);
    const before = await reportedCounters(0);
    const first = await workRun(ACTOR, (await createRun(ACTOR, "demo")).id);
    expect(first.state).toBe("finished");
    const after = await reportedCounters(before.inserted + first.doneTrajectories);
    expect(after.inserted - before.inserted).toBe(first.doneTrajectories);
    // Not once per label: planned on those statistics, an anti-join rescanned the table for each row it inserted.
    expect(after.seqScans - before.seqScans).toBeLessThanOrEqual(3);
    expect(await count(`select count(*)::int as n from trajectory_contamination`)).toBe(first.doneTrajectories);
    const changed = await count(`select min(trajectory_id)::int as n from trajectory_contamination`);
    await pool().query(`update trajectory_contamination set label = 'wrong', rate = 2 where trajectory_id = $1`, [changed]);
    const versions = await labelVersions();
    expect((await workRun(ACTOR, (await createRun(ACTOR, "demo")).id)).state).toBe("finished");
    const rewritten = [...(await labelVersions())].filter(([id, xmin]) => versions.get(id) !== xmin).map(([id]) => Number(id));
    expect(rewritten).toEqual([changed]);
    // Nor are the others locked: a lock leaves the locker's transaction id in xmax.
    expect(await count(`select count(*)::int as n from trajectory_contamination where xmax::text <> '0' and trajectory_id <> $1`, [changed])).toBe(0);
    expect(await count(`select count(*)::int as n from trajectory_contamination where label = 'wrong'`)).toBe(0);
    await expectExactContaminationFacet();
  }, 120_000);

  it("go with the trajectories of a removed dataset, and the facet counts stay exact", async () => {
    const removed = await count(`select min(id)::int as n from datasets`);
    const itsLabels = `select count(*)::int as n from trajectory_contamination c join trajectories t on t.id = c.trajectory_id where t.dataset_id = $1`;
    expect(await count(itsLabels, [removed])).toBeGreaterThan(0);
    const others = (await count(`select count(*)::int as n from trajectory_contamination`)) - (await count(itsLabels, [removed]));
    expect(others).toBeGreaterThan(0);
    await deleteDataset(ACTOR, removed);
    expect(await count(ORPHANS)).toBe(0);
    expect(await count(`select count(*)::int as n from trajectory_contamination`)).toBe(others);
    await expectExactContaminationFacet();
  }, 120_000);

  it("go with their trajectories when the dataset is removed while a check holds it to label it", async () => {
    const dataset = await count(`select min(id)::int as n from datasets`);
    const trajectory = await count(`select min(id)::int as n from trajectories where dataset_id = $1`, [dataset]);
    await pool().query(`delete from trajectory_contamination where trajectory_id = $1`, [trajectory]);
    const checker = await pool().connect();
    try {
      // What finish.ts does: lock the dataset against removal, then write the label.
      await checker.query("begin");
      await checker.query("select 1 from datasets where id = $1 for key share", [dataset]);
      await checker.query(`insert into trajectory_contamination (trajectory_id, rate, label) values ($1, 0, 'clean')`, [trajectory]);
      const removing = deleteDataset(ACTOR, dataset);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await checker.query("commit");
      await removing;
    } finally {
      checker.release();
    }
    expect(await count(`select count(*)::int as n from trajectories where dataset_id = $1`, [dataset])).toBe(0);
    expect(await count(ORPHANS)).toBe(0);
    await expectExactContaminationFacet();
  }, 120_000);

  it("all go when the trajectories are truncated with their datasets", async () => {
    expect(await count(`select count(*)::int as n from trajectory_contamination`)).toBeGreaterThan(0);
    await pool().query(`truncate datasets cascade`);
    expect(await count(`select count(*)::int as n from trajectory_contamination`)).toBe(0);
    await expectExactContaminationFacet();
  }, 120_000);
});
