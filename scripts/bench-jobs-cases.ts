/**
 * Two cases of `npm run bench:jobs` (scripts/bench-jobs.ts runs them with its
 * worker processes and database): an import whose worker is killed halfway,
 * and the contamination check shared by 1, 2 and 4 workers.
 */
import type { ChildProcess } from "node:child_process";
import { createReadStream } from "node:fs";
import path from "node:path";
import type { TActor } from "../lib/access/actor";
import { createRun, getRun, type TRun } from "../lib/contamination/run";
import { deleteDataset } from "../lib/datasets/delete-dataset";
import { pool } from "../lib/db/client";
import { queueImport } from "../lib/import/queue-import";
import { getJobById } from "../lib/job-kinds/jobs";
import { JOBS_SCHEMA } from "../lib/jobs/engine";
import { readProgress } from "../lib/jobs/progress";
import { writeBenchJsonl } from "../demo";
import { seed, TEST_SET } from "./bench-contamination-seed";

export type TBenchContext = {
  actor: TActor;
  dataDir: string;
  log: (line: string) => void;
  startWorker: (script: string, env: Record<string, string>) => Promise<ChildProcess>;
  stopWorker: (child: ChildProcess) => Promise<void>;
  until: <T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs?: number) => Promise<T>;
};

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
const mb = (bytes: number) => bytes / 1024 / 1024;

/** What an import stored in its dataset: row counts and content hashes (ids differ between runs by design). */
async function storedIn(datasetId: number) {
  const { rows } = await pool().query(
    `select (select count(*) from trajectories where dataset_id = $1)::int as trajectories,
            (select count(*) from turns u join trajectories t on t.id = u.trajectory_id where t.dataset_id = $1)::int as turns,
            (select md5(coalesce(string_agg(content_hash, ',' order by content_hash), '')) from trajectories where dataset_id = $1) as trajectory_hashes,
            (select md5(coalesce(string_agg(md5(u.raw_text), ',' order by md5(u.raw_text)), '')) from turns u join trajectories t on t.id = u.trajectory_id where t.dataset_id = $1) as turn_texts`,
    [datasetId],
  );
  return rows[0] as { trajectories: number; turns: number; trajectory_hashes: string; turn_texts: string };
}

/** An import through the workers (stored upload, job), to its end: the dataset id and the time it took. */
async function queuedImport(context: TBenchContext, file: string, onQueued?: (jobId: string) => Promise<void>) {
  const t0 = performance.now();
  const { jobId } = await queueImport(context.actor, createReadStream(file), { fileName: path.basename(file), datasetName: "bench-import" });
  await onQueued?.(jobId);
  const job = await context.until(async () => {
    const read = await getJobById(context.actor, jobId);
    return read.state === "done" || read.state === "failed" || read.state === "cancelled" ? read : undefined;
  }, 60 * 60_000, `import job ${jobId} to end`);
  const report = (job.output as { report?: { dataset?: { id: number } | null } } | null)?.report;
  if (job.state !== "done" || !report?.dataset) throw new Error(`import job ${jobId} ended ${job.state}: ${job.error ?? "no dataset"}`);
  return { jobId, datasetId: report.dataset.id, ms: performance.now() - t0 };
}

/** (c) An import killed halfway (SIGKILL), its worker restarted: recovery time, and the same rows as an uninterrupted import. */
export async function importKilledHalfway(context: TBenchContext, trajectories: number) {
  const file = path.join(context.dataDir, "bench-import.jsonl");
  const written = await writeBenchJsonl(file, { trajectories, seed: 7 });
  context.log(`import: ${written.trajectories.toLocaleString("en-US")} trajectories, ${mb(written.bytes).toFixed(0)} MB`);

  const reference = await context.startWorker("scripts/worker.ts", {});
  const uninterrupted = await queuedImport(context, file);
  const expected = await storedIn(uninterrupted.datasetId);
  await context.stopWorker(reference);
  await deleteDataset(context.actor, uninterrupted.datasetId);

  let first = await context.startWorker("scripts/worker.ts", {});
  let killedAt = 0;
  let half = "";
  let pickedUpMs = 0;
  const recovered = await queuedImport(context, file, async (jobId) => {
    // Halfway by bytes read, as the worker reports them (at most once a second).
    half = await context.until(async () => {
      const seen = (await readProgress([jobId])).get(jobId);
      const { rows } = await pool().query<{ state: string }>(`select state from ${JOBS_SCHEMA}.job where id = $1`, [jobId]);
      // Progress is reported at most once a second: a file imported faster than that is never seen halfway.
      if (rows[0]?.state === "completed") throw new Error(`the import finished before it was seen halfway: give it more work (--import-trajectories, now ${trajectories})`);
      return seen?.total && seen.done * 2 >= seen.total ? `${Math.round((seen.done / seen.total) * 100)} % of the file read` : undefined;
    }, 60 * 60_000, "the import to be halfway", 50);
    first.kill("SIGKILL");
    killedAt = performance.now();
    await new Promise((resolve) => first.once("exit", resolve));
    first = await context.startWorker("scripts/worker.ts", {});
    pickedUpMs = await context.until(async () => {
      const { rows } = await pool().query<{ retry_count: number; state: string }>(`select retry_count, state from ${JOBS_SCHEMA}.job where id = $1`, [jobId]);
      return rows[0] && rows[0].retry_count > 0 && ["active", "completed"].includes(rows[0].state) ? performance.now() - killedAt : undefined;
    }, 10 * 60_000, "the killed import to be picked up again");
  });
  const recoveredMs = performance.now() - killedAt;
  await context.stopWorker(first);
  const got = await storedIn(recovered.datasetId);
  const identical = JSON.stringify(got) === JSON.stringify(expected);
  const result = {
    trajectories: expected.trajectories,
    turns: expected.turns,
    megabytes: Number(mb(written.bytes).toFixed(1)),
    uninterruptedSeconds: seconds(uninterrupted.ms),
    killedAt: half,
    killToPickedUpSeconds: seconds(pickedUpMs),
    killToFinishedSeconds: seconds(recoveredMs),
    sameRowsAndHashes: identical,
  };
  context.log(`  import killed at ${half}: picked up again after ${result.killToPickedUpSeconds} s, finished ${result.killToFinishedSeconds} s after the kill; rows and hashes ${identical ? "equal" : "DIFFER"}`);
  if (!identical) throw new Error(`the recovered import differs from the uninterrupted one:\n${JSON.stringify({ expected, got })}`);
  return result;
}

/**
 * Every worker count times a first check: a re-check finds every label unchanged and skips the
 * labelling of every trajectory, which is a third of a first check at 1 GB (so 2 and 4 workers
 * looked faster than they are). Vacuumed, so no run pays for the last one's dead rows.
 */
async function forgetLabels() {
  await pool().query("delete from trajectory_contamination");
  await pool().query("vacuum (analyze) trajectory_contamination");
}

/** (d) The contamination check on `megabytes` of training text, its ranges shared by 1, 2 and 4 worker processes. */
export async function contaminationScaling(context: TBenchContext, megabytes: number, items: number) {
  context.log(`seeding ${megabytes} MB of training text and ${items} test items for the check (replaces the bench's datasets)...`);
  await seed({ mb: megabytes, items }, context.log);
  const rows: { workers: number; ranges: number; wallSeconds: number; megabytes: number; mbPerSecond: number; speedUp: number; state: string }[] = [];
  let labels: string | null = null;
  for (const count of [1, 2, 4]) {
    await forgetLabels();
    const workers = await Promise.all(Array.from({ length: count }, () => context.startWorker("scripts/worker.ts", { WORKER_CONCURRENCY: "1" })));
    const t0 = performance.now();
    const run = await createRun(context.actor, TEST_SET, {}, { queue: true });
    const done: TRun = await context.until(async () => {
      const current = await getRun(context.actor, run.id);
      return current.state === "running" || current.state === "queued" ? undefined : current;
    }, 2 * 60 * 60_000, `check ${run.id} with ${count} worker(s) to end`, 100);
    const wallMs = performance.now() - t0;
    await Promise.all(workers.map(context.stopWorker));
    if (done.state !== "finished") throw new Error(`check ${run.id} with ${count} worker(s) ended ${done.state}: ${done.error}`);
    // Every worker count must decide the same labels.
    const decided = await pool().query<{ labels: string }>(`select md5(string_agg(position || ':' || label || ':' || contaminated, ',' order by position)) as labels from contamination_item_results where run_id = $1`, [run.id]);
    if (labels !== null && decided.rows[0]!.labels !== labels) throw new Error(`check ${run.id} with ${count} workers decided other labels than with 1`);
    labels = decided.rows[0]!.labels;
    const rate = mb(done.bytesScanned) / (wallMs / 1000);
    rows.push({ workers: count, ranges: done.totalRanges, wallSeconds: seconds(wallMs), megabytes: Number(mb(done.bytesScanned).toFixed(0)), mbPerSecond: Number(rate.toFixed(1)), speedUp: rows[0] ? Number((rows[0].wallSeconds / seconds(wallMs)).toFixed(2)) : 1, state: done.state });
    context.log(`  check with ${count} worker(s): ${seconds(wallMs)} s, ${rate.toFixed(1)} MB/s over ${done.totalRanges} ranges`);
  }
  return rows;
}
