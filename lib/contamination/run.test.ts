/**
 * End to end on the demo data: the demo test set holds, per task, items copied
 * verbatim from a training task turn, paraphrased ones and template-only ones
 * (demo/test-set.ts). Verbatim must come out dirty, template-only clean
 * once discounting is on.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { writeDemoFiles, type TDemoResult } from "@/demo";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { importTestSet } from "@/lib/testsets/import";
import { finishRun } from "./finish";
import { scopeOf } from "./run-datasets";
import { cancelRun, createRun, getRun, loadIndex, runItems, workRun } from "./run";
import { commitRange, scanRange, type TClaimedRange } from "./scan-range";
import { matchedSpans } from "./spans";
import { stripControlSequences } from "@/lib/steps/control";
import { facetCounts } from "@/lib/trajectories/facets";
import { filterFromSearch } from "@/lib/trajectories/query";

useTestDatabase();

const ACTOR = systemActor("test");
let dir: string;
let demo: TDemoResult;
let templateTokensDiscounted = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "contamination-"));
  demo = await writeDemoFiles(dir, { perTask: 30, quirks: false, generalRows: 20 });
  for (const f of demo.files) {
    if (f.kind === "testset") continue;
    await importFile(ACTOR, { filePath: f.path, kind: f.kind, ...(f.task ? { task: f.task } : {}) });
  }
  const testFile = demo.files.find((f) => f.kind === "testset")!;
  const set = await importTestSet(ACTOR, testFile.path, { name: "demo", task: "mixed", fields: ["question"] });
  expect(set.itemCount).toBe(60);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Each trajectory row's version (xmin): it changes whenever the row is written. */
async function trajectoryVersions() {
  return (await pool().query<{ id: string; xmin: string }>("select id::text, xmin::text from trajectories order by id")).rows;
}

/** A new run of the demo test set with every range scanned and committed, as range jobs do, and nobody has finished it yet. */
async function scanEveryRange() {
  const run = await createRun(ACTOR, "demo");
  const index = await loadIndex(run.testSetId, run.params);
  const scope = await scopeOf(run.params);
  const claimed = await pool().query<TClaimedRange>(
    `update contamination_run_ranges set state = 'running', claimed_at = clock_timestamp() where run_id = $1
      returning id, from_id::text as "fromId", to_id::text as "toId", claimed_at as "claimedAt"`,
    [run.id],
  );
  for (const range of claimed.rows) await commitRange(run.id, range, scope, (await scanRange(index, run.params, scope, run.id, range))!);
  return { run, index, scope };
}

const kindOf = (id: string) => demo.testLabels.find((l) => l.id === id)!.kind;

describe("contamination run on the demo data", () => {
  it("labels verbatim items dirty and template-only items clean with discounting on", async () => {
    const run = await createRun(ACTOR, "demo");
    expect(run.state).toBe("running");
    const progress: number[] = [];
    const done = await workRun(ACTOR, run.id, { onProgress: (r) => progress.push(r.doneTrajectories) });
    expect(done.state).toBe("finished");
    expect(done.doneTrajectories).toBe(done.totalTrajectories);
    expect(progress.at(-1)).toBe(done.totalTrajectories);
    const items = await runItems(ACTOR, run.id);
    expect(items).toHaveLength(60);
    for (const it of items) {
      const kind = kindOf(it.externalId);
      if (kind === "verbatim") {
        expect(it.label, it.externalId).toBe("dirty");
        expect(it.trajectoryIds.length).toBeGreaterThan(0);
      }
      // Template wording is shared by several test items, so it is discounted (demo/test-set-pick.ts).
      if (kind === "template") expect(it.label, it.externalId).toBe("clean");
      if (kind === "paraphrase") expect(it.label, it.externalId).toBe("clean");
    }
    const template = items.filter((it) => kindOf(it.externalId) === "template");
    templateTokensDiscounted = template.reduce((acc, it) => acc + it.contaminated, 0);
    expect(template).toHaveLength(24);
    // The run compared the agent datasets only (the default), by name.
    expect(done.params.datasets!.every((d) => d.kind === "agent")).toBe(true);
    expect(done.params.datasets!.map((d) => d.name)).toContain("demo-os");
    expect(done.summary!.table.total.examples).toBe(60);
    expect(done.summary!.table.total.dirty).toBe(18);
    expect(done.summary!.templateCount).toBeGreaterThan(0);
    // Replay spans: the verbatim item's trajectory has its task turn highlighted where the item's words are.
    const verbatim = items.find((it) => kindOf(it.externalId) === "verbatim")!;
    const spans = (await matchedSpans(ACTOR, verbatim.trajectoryIds[0]!, run.id))!;
    const hit = spans.turns.find((t) => t.spans.some((s) => s.testItemIds.includes(verbatim.externalId)))!;
    expect(hit).toBeDefined();
    const raw = await pool().query<{ raw_text: string }>(`select raw_text from turns where trajectory_id = $1 and index = $2`, [verbatim.trajectoryIds[0], hit.turnIndex]);
    const text = stripControlSequences(raw.rows[0]!.raw_text);
    const span = hit.spans.find((s) => s.testItemIds.includes(verbatim.externalId))!;
    const question = (await pool().query<{ text: string }>(`select text from test_set_items where external_id = $1`, [verbatim.externalId])).rows[0]!.text;
    expect(question).toContain(text.slice(span.start, span.end));
    expect(spans.testItems.map((t) => t.id)).toContain(verbatim.externalId);
    // The source trajectories of verbatim items carry a label the table filters on.
    const labelled = await pool().query<{ n: number }>(`select count(*)::int as n from trajectory_contamination`);
    expect(labelled.rows[0]!.n).toBeGreaterThan(0);
  }, 120_000);

  it("without discounting the template-only items pick up template hits", async () => {
    const run = await createRun(ACTOR, "demo", { templateShare: null });
    await workRun(ACTOR, run.id);
    const items = await runItems(ACTOR, run.id);
    const template = items.filter((it) => kindOf(it.externalId) === "template");
    const sum = template.reduce((acc, it) => acc + it.contaminated, 0);
    expect(sum).toBeGreaterThan(templateTokensDiscounted);
  }, 120_000);

  // A worker killed mid-range, ranges shared by several workers: contamination-job.test.ts (the engine's jobs).
  it("stops when cancelled", async () => {
    const other = await createRun(ACTOR, "demo");
    const cancelled = await cancelRun(ACTOR, other.id);
    expect(cancelled.state).toBe("cancelled");
    expect((await workRun(ACTOR, other.id)).state).toBe("cancelled");
    expect((await getRun(ACTOR, other.id)).doneRanges).toBe(0);
  }, 120_000);

  it("is finished exactly once when several workers see its last range done at the same moment", async () => {
    const { run, index, scope } = await scanEveryRange();
    const finishers = await Promise.all(Array.from({ length: 4 }, () => finishRun(ACTOR, run.id, index, scope)));
    expect(finishers.filter(Boolean)).toHaveLength(1);
    expect((await getRun(ACTOR, run.id)).state).toBe("finished");
    expect(await runItems(ACTOR, run.id)).toHaveLength(60);
    const audit = await pool().query(`select 1 from audit_events where type = 'contamination.run_finished' and target_id = $1`, [String(run.id)]);
    expect(audit.rowCount).toBe(1);
  }, 120_000);

  it("labels every compared trajectory in its own table, leaves the trajectory rows unwritten, and keeps the facet counts exact", async () => {
    // As before a first check: nothing labelled (each label removed goes through the summary's triggers).
    await pool().query("delete from trajectory_contamination");
    const before = await trajectoryVersions();
    await checkLabelsAgainstRun(before);
    // A re-check rewrites a label that is not this run's and puts back one that is missing.
    await pool().query("update trajectory_contamination set label = 'wrong', rate = 2 where trajectory_id = (select min(trajectory_id) from trajectory_contamination)");
    await pool().query("delete from trajectory_contamination where trajectory_id = (select max(trajectory_id) from trajectory_contamination)");
    await checkLabelsAgainstRun(before);
  }, 120_000);

  /** Runs a check, then compares the labels with its results, the trajectory rows with `before`, and the facet counts with the tables. */
  async function checkLabelsAgainstRun(before: { id: string; xmin: string }[]) {
    const run = await workRun(ACTOR, (await createRun(ACTOR, "demo")).id);
    expect(run.state).toBe("finished");
    // No new row version of any trajectory: a label is a narrow row, not an entry in each index of trajectories.
    expect(await trajectoryVersions()).toEqual(before);
    const mismatched = await pool().query(
      `select r.trajectory_id from contamination_trajectory_results r
         full join trajectory_contamination c on c.trajectory_id = r.trajectory_id and r.run_id = $1
        where (r.run_id = $1 or r.run_id is null) and (c.label is distinct from r.label or c.rate is distinct from r.rate)`,
      [run.id],
    );
    expect(mismatched.rows).toEqual([]);
    expect(run.doneTrajectories).toBeGreaterThan(0);
    const labelled = await pool().query<{ n: number }>("select count(*)::int as n from trajectory_contamination");
    expect(labelled.rows[0]!.n).toBe(run.doneTrajectories);
    // The sidebar's unfiltered counts (the summary) against a count of the tables.
    const exact = await pool().query<{ label: string; n: number }>(
      `select coalesce(c.label, 'unchecked') as label, count(*)::int as n
         from trajectories t left join trajectory_contamination c on c.trajectory_id = t.id group by 1`,
    );
    const facets = await facetCounts(ACTOR, filterFromSearch(""));
    expect(Object.fromEntries(facets.contamination.map((v) => [v.value, v.count]))).toEqual(Object.fromEntries(exact.rows.map((r) => [r.label, r.n])));
  }

  it("labels from two runs that finish at the same moment over the same datasets, with neither failing", async () => {
    const runs = [await scanEveryRange(), await scanEveryRange()];
    await pool().query("delete from trajectory_contamination");
    // Both wait on the datasets (finish.ts locks them before labelling), then are let go together.
    const holder = await pool().connect();
    try {
      await holder.query("begin");
      await holder.query("select 1 from datasets where id = any($1::int[]) for update", [runs[0]!.scope.datasetIds]);
      const finishing = runs.map(({ run, index, scope }) => finishRun(ACTOR, run.id, index, scope));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await holder.query("commit");
      expect(await Promise.all(finishing)).toEqual([true, true]);
    } finally {
      holder.release();
    }
    const labelled = await pool().query<{ n: number }>("select count(*)::int as n from trajectory_contamination");
    expect(labelled.rows[0]!.n).toBe((await getRun(ACTOR, runs[0]!.run.id)).totalTrajectories);
  }, 120_000);

  // Last: it removes a demo dataset.
  it("finishes while a compared dataset is being removed, labelling only the trajectories that are left", async () => {
    const { run, index, scope } = await scanEveryRange();
    await pool().query("delete from trajectory_contamination");
    const removed = scope.datasetIds[0]!;
    const remover = await pool().connect();
    try {
      await remover.query("begin");
      await remover.query("delete from datasets where id = $1", [removed]);
      // The run ends while the removal is still open, and the removal commits meanwhile.
      const finishing = finishRun(ACTOR, run.id, index, scope);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await remover.query("commit");
      expect(await finishing).toBe(true);
    } finally {
      remover.release();
    }
    expect((await getRun(ACTOR, run.id)).state).toBe("finished");
    const labels = await pool().query<{ labelled: number; left: number }>(
      `select (select count(*)::int from trajectory_contamination) as labelled,
              (select count(*)::int from contamination_trajectory_results r join trajectories t on t.id = r.trajectory_id where r.run_id = $1) as left`,
      [run.id],
    );
    expect(labels.rows[0]!.left).toBeGreaterThan(0);
    expect(labels.rows[0]!.labelled).toBe(labels.rows[0]!.left);
  }, 120_000);
});
