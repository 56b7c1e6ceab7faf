/**
 * Job engine benchmark (issue 14, "Scale"), on its own embedded PostgreSQL,
 * with real worker processes:
 *  (a) N tiny no-op jobs (scripts/bench-jobs-noop.ts, never offered to users)
 *      through pg-boss and lib/jobs/worker.ts with 1 and 2 workers: jobs/s,
 *      ms per job, and the workers' CPU per job;
 *  (b) an export whose worker is killed with SIGKILL halfway, then restarted:
 *      time to recover, and the sha256 of every data file against an
 *      uninterrupted run of the same recipe;
 *  (c) an import whose worker is killed with SIGKILL halfway, then restarted:
 *      time to recover, row counts and content hashes against an
 *      uninterrupted import of the same file (scripts/bench-jobs-cases.ts);
 *  (d) the contamination check on --contamination-mb MB of training text
 *      (1 GB in the full run) shared by 1, 2 and 4 worker processes: wall
 *      time, MB/s, speed-up over 1 worker, the same labels each time.
 * Workers use the production engine settings (supervise every 10 s, the
 * export's 10 s heartbeat) except the tiny jobs' poll interval (0.5 s, the
 * engine's minimum) and concurrency (--concurrency).
 *
 *   npm run bench:jobs [-- --scale small|full] [--concurrency 32] [--contamination-mb 1024] [--contamination-items 10000]
 *                         [--import-trajectories 20000] [--json] [--keep]
 *
 * BENCH_PG_PORT sets the bench server's port. --keep leaves .data/bench-jobs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "../lib/access/actor";
import { pool } from "../lib/db/client";
import { getExport, startExport, type TExport } from "../lib/export/exports";
import type { TRecipeInput } from "../lib/export/recipe";
import { importFile } from "../lib/import/import-file";
import type { TJobKind } from "../lib/jobs/context";
import { JOBS_SCHEMA, queueFor, stopJobEngine } from "../lib/jobs/engine";
import { writeDemoFiles } from "../demo";
import { contaminationScaling, importKilledHalfway, type TBenchContext } from "./bench-jobs-cases";
import { benchNoopJob } from "./bench-jobs-noop";
import { printTable, startBenchDatabase } from "./bench-support";
import { pidTicks } from "./bench-cpu";
import { WORKER_NODE_FLAGS } from "./node-runtime";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "full" },
    concurrency: { type: "string", default: "32" },
    "contamination-mb": { type: "string" },
    "contamination-items": { type: "string" },
    "import-trajectories": { type: "string" },
    json: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
if (args.scale !== "small" && args.scale !== "full") throw new Error(`--scale: "${args.scale}" is not small or full`);
const CONCURRENCY = Number(args.concurrency);
if (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || CONCURRENCY > 64) throw new Error(`--concurrency: "${args.concurrency}" is not a whole number from 1 to 64`);
const SMALL = args.scale === "small";
const SCALE = {
  tinyJobs: SMALL ? 500 : 10_000,
  demo: SMALL ? { perTask: 10, generalRows: 100 } : { perTask: 100, generalRows: 1_000 },
  exportSamples: SMALL ? 1_000 : 20_000,
  exportBatch: SMALL ? "1" : "10",
  importTrajectories: positive(args["import-trajectories"], SMALL ? 6_000 : 20_000, "--import-trajectories"),
  contaminationMb: positive(args["contamination-mb"], SMALL ? 32 : 1024, "--contamination-mb"),
  contaminationItems: positive(args["contamination-items"], SMALL ? 1_000 : 10_000, "--contamination-items"),
};
const POLL_SECONDS = "0.5";
const DATA_DIR = path.resolve(".data/bench-jobs");
const ADMIN = systemActor("bench");
const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

if (existsSync(DATA_DIR)) rmSync(DATA_DIR, { recursive: true, force: true });
process.env.TS_DATA_DIR = DATA_DIR;
const { shutdown } = await startBenchDatabase(DATA_DIR, Number(process.env.BENCH_PG_PORT ?? 54337), log);
const children: ChildProcess[] = [];
const figures: Record<string, unknown> = { scale: args.scale, cpus: os.cpus().length, loadBefore: Number(os.loadavg()[0]!.toFixed(2)) };
let failed = false;
try {
  log(`bench:jobs, scale ${args.scale}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}`);
  figures.tinyJobs = [await tinyJobs(1), await tinyJobs(2)];
  figures.exportKill = await exportKilledHalfway();
  const context: TBenchContext = { actor: ADMIN, dataDir: DATA_DIR, log, startWorker, stopWorker, until };
  figures.importKill = await importKilledHalfway(context, SCALE.importTrajectories);
  // Last: its seeding replaces the bench's datasets.
  figures.contamination = await contaminationScaling(context, SCALE.contaminationMb, SCALE.contaminationItems);
  report();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await stopJobEngine(5_000);
  await shutdown();
  if (!args.keep) rmSync(DATA_DIR, { recursive: true, force: true });
  else log(`kept ${DATA_DIR}`);
}
if (args.json && !failed) log(JSON.stringify(figures));
process.exit(failed ? 1 : 0);

/** A real worker process; resolves once it takes jobs. */
async function startWorker(script: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, "--import", "tsx", script], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL!, TS_DATA_DIR: DATA_DIR, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready: worker/.test(output)) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** CPU of a running process so far, in ms (Linux /proc, read as bench-cpu.ts reads it). */
function cpuMs(pid: number): number {
  const ticks = pidTicks(pid);
  if (ticks === null) throw new Error(`process ${pid} has exited: no CPU figure`);
  return ticks * 10; // 100 ticks per second
}

async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** (a) N no-op jobs enqueued at once, drained by `workers` worker processes. */
async function tinyJobs(workers: number) {
  const kind = benchNoopJob as TJobKind<unknown>;
  const boss = await queueFor(kind);
  await pool().query(`delete from ${JOBS_SCHEMA}.job where name = $1`, [kind.name]);
  const started = await Promise.all(
    Array.from({ length: workers }, () => startWorker("scripts/bench-jobs-worker.ts", { WORKER_CONCURRENCY: String(CONCURRENCY), JOBS_POLL_SECONDS: POLL_SECONDS })),
  );
  const cpuBefore = started.map((child) => cpuMs(child.pid!));
  const t0 = performance.now();
  for (let from = 0; from < SCALE.tinyJobs; from += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, SCALE.tinyJobs - from) }, (_, i) => ({ data: { n: from + i } }));
    await boss.insert(kind.name, batch);
  }
  const enqueueMs = performance.now() - t0;
  await until(async () => {
    const { rows } = await pool().query<{ done: number }>(`select count(*)::int as done from ${JOBS_SCHEMA}.job where name = $1 and state = 'completed'`, [kind.name]);
    return rows[0]!.done >= SCALE.tinyJobs ? true : undefined;
  }, 30 * 60_000, `${SCALE.tinyJobs} tiny jobs to complete`, 100);
  const wallMs = performance.now() - t0;
  const workerCpuMs = started.reduce((sum, child, i) => sum + cpuMs(child.pid!) - cpuBefore[i]!, 0);
  const { rows } = await pool().query<{ active_ms: number; latency_p50_ms: number; retried: number }>(
    `select avg(extract(epoch from completed_on - started_on) * 1000)::float as active_ms,
            percentile_cont(0.5) within group (order by extract(epoch from started_on - created_on) * 1000)::float as latency_p50_ms,
            count(*) filter (where retry_count > 0)::int as retried
       from ${JOBS_SCHEMA}.job where name = $1`,
    [kind.name],
  );
  await Promise.all(started.map(stopWorker));
  const result = {
    workers,
    concurrencyPerWorker: CONCURRENCY,
    jobs: SCALE.tinyJobs,
    wallSeconds: seconds(wallMs),
    jobsPerSecond: Math.round(SCALE.tinyJobs / (wallMs / 1000)),
    msPerJob: Number((wallMs / SCALE.tinyJobs).toFixed(2)),
    enqueuePerSecond: Math.round(SCALE.tinyJobs / (enqueueMs / 1000)),
    workerCpuMsPerJob: Number((workerCpuMs / SCALE.tinyJobs).toFixed(2)),
    claimToCompleteMs: Number(rows[0]!.active_ms.toFixed(1)),
    queueWaitP50Ms: Math.round(rows[0]!.latency_p50_ms),
    pollCeilingJobsPerSecond: (workers * CONCURRENCY) / Number(POLL_SECONDS),
    retried: rows[0]!.retried,
  };
  log(`  tiny jobs, ${workers} worker(s): ${result.jobsPerSecond} jobs/s, ${result.msPerJob} ms/job wall, ${result.workerCpuMsPerJob} ms worker CPU/job`);
  return result;
}

/** (b) An export killed halfway (SIGKILL), its worker restarted: recovery time and byte-identical files. */
async function exportKilledHalfway() {
  log(`seeding demo data (${SCALE.demo.perTask} per agent task, ${SCALE.demo.generalRows} general rows)...`);
  const demo = await writeDemoFiles(path.join(DATA_DIR, "demo"), { ...SCALE.demo, quirks: false });
  for (const file of demo.files) {
    if (file.kind === "testset") continue;
    await importFile(ADMIN, { filePath: file.path, kind: file.kind, ...(file.task ? { task: file.task } : {}) });
  }
  await pool().query(`update trajectories set status = 'accepted'`);
  const recipe: TRecipeInput = { formats: ["conversations", "messages"], eta: 1, size: { mode: "total", total: SCALE.exportSamples }, shares: { whenShort: "replace", maxRepeats: 40 }, seed: 21 };
  const env = { EXPORT_BATCH_SIZE: SCALE.exportBatch };

  // Uninterrupted, through a worker.
  const reference = await startWorker("scripts/worker.ts", env);
  const t0 = performance.now();
  const queued = await startExport(ADMIN, { recipe });
  const uninterrupted = await finished(queued.id, 30 * 60_000);
  const uninterruptedMs = performance.now() - t0;
  await stopWorker(reference);

  // Killed halfway, then a worker started again at once (the same one restarted).
  const first = await startWorker("scripts/worker.ts", env);
  const killed = await startExport(ADMIN, { recipe });
  const jobId = await until(async () => (await pool().query<{ job_id: string | null }>("select job_id from exports where id = $1", [killed.id])).rows[0]?.job_id ?? undefined, 60_000, "the export's job id");
  // Halfway by bytes: the staged conversations file holds half of what the uninterrupted run wrote.
  const target = uninterrupted.files.find((file) => file.name === "conversations.jsonl")!.bytes;
  const staged = path.join(DATA_DIR, "exports", `${killed.id}.partial`, "conversations.jsonl");
  const half = await until(async () => {
    const size = (await stat(staged).catch(() => null))?.size ?? 0;
    return size * 2 >= target ? `${Math.round((size / target) * 100)} % of conversations.jsonl` : undefined;
  }, 30 * 60_000, "the export to be halfway", 10);
  first.kill("SIGKILL");
  const killedAt = performance.now();
  await new Promise((resolve) => first.once("exit", resolve));
  const second = await startWorker("scripts/worker.ts", env);
  const pickedUpMs = await until(async () => {
    const { rows } = await pool().query<{ retry_count: number; state: string }>(`select retry_count, state from ${JOBS_SCHEMA}.job where id = $1`, [jobId]);
    return rows[0] && rows[0].retry_count > 0 && ["active", "completed"].includes(rows[0].state) ? performance.now() - killedAt : undefined;
  }, 10 * 60_000, "the killed export to be picked up again");
  const recovered = await finished(killed.id, 30 * 60_000);
  const recoveredMs = performance.now() - killedAt;
  await stopWorker(second); // the next cases count their own workers
  const expected = shas(uninterrupted);
  const got = shas(recovered);
  const identical = recovered.state === "finished" && JSON.stringify(got) === JSON.stringify(expected);
  const result = {
    samples: uninterrupted.summary?.plan.total ?? null,
    files: Object.keys(expected).length,
    bytes: uninterrupted.files.reduce((sum, file) => sum + file.bytes, 0),
    uninterruptedSeconds: seconds(uninterruptedMs),
    killedAt: half,
    killToPickedUpSeconds: seconds(pickedUpMs),
    killToFinishedSeconds: seconds(recoveredMs),
    state: recovered.state,
    sha256Identical: identical,
    sha256: got,
  };
  log(`  export killed at ${half}: picked up again after ${result.killToPickedUpSeconds} s, finished ${result.killToFinishedSeconds} s after the kill; files ${identical ? "byte-identical" : "DIFFER"}`);
  if (!identical) throw new Error(`the recovered export differs from the uninterrupted one:\n${JSON.stringify({ expected, got, state: recovered.state, error: recovered.error })}`);
  return result;
}

async function finished(exportId: number, timeoutMs: number): Promise<TExport> {
  return until(async () => {
    const current = await getExport(ADMIN, exportId);
    return ["finished", "failed", "cancelled"].includes(current.state) ? current : undefined;
  }, timeoutMs, `export ${exportId} to end`);
}

/** sha256 of every data file (the manifest names the export and its times, so it differs by design). */
function shas(exported: TExport): Record<string, string> {
  return Object.fromEntries(exported.files.filter((file) => file.name !== "manifest.json").map((file) => [file.name, file.sha256]));
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name}: "${value}" is not a whole number of at least 1`);
  return parsed;
}

function report() {
  const tiny = figures.tinyJobs as Awaited<ReturnType<typeof tinyJobs>>[];
  const exported = figures.exportKill as Awaited<ReturnType<typeof exportKilledHalfway>>;
  log("");
  log(`(a) ${SCALE.tinyJobs.toLocaleString("en-US")} tiny jobs (no-op kind), ${CONCURRENCY} at a time per worker, poll ${POLL_SECONDS} s`);
  printTable(
    log,
    ["workers", "wall s", "jobs/s", "ms/job", "enqueue/s", "worker CPU ms/job", "claim->done ms", "queue wait p50 ms", "poll ceiling jobs/s"],
    tiny.map((row) => [row.workers, row.wallSeconds, row.jobsPerSecond, row.msPerJob, row.enqueuePerSecond, row.workerCpuMsPerJob, row.claimToCompleteMs, row.queueWaitP50Ms, row.pollCeilingJobsPerSecond].map(String)),
    [true, true, true, true, true, true, true, true, true],
  );
  log("jobs/s near the poll ceiling means the poll interval, not the engine, sets the pace: each concurrency slot fetches one job per poll.");
  log("");
  log(`(b) export of ${exported.samples?.toLocaleString("en-US")} samples (${exported.files} data files, ${(exported.bytes / 1e6).toFixed(1)} MB), worker killed (SIGKILL) halfway and restarted`);
  printTable(
    log,
    ["case", "result"],
    [
      ["uninterrupted run", `${exported.uninterruptedSeconds} s`],
      ["killed at", exported.killedAt],
      ["kill -> picked up again", `${exported.killToPickedUpSeconds} s (heartbeat 10 s + supervise pass 10 s)`],
      ["kill -> finished", `${exported.killToFinishedSeconds} s`],
      ["sha256 of every data file", exported.sha256Identical ? "identical to the uninterrupted run" : "DIFFERENT"],
    ],
    [false, false],
  );
  log("");
  const imported = figures.importKill as Awaited<ReturnType<typeof importKilledHalfway>>;
  log(`(c) import of ${imported.trajectories.toLocaleString("en-US")} trajectories (${imported.megabytes} MB), worker killed (SIGKILL) halfway and restarted`);
  printTable(
    log,
    ["case", "result"],
    [
      ["uninterrupted import", `${imported.uninterruptedSeconds} s`],
      ["killed at", imported.killedAt],
      ["kill -> picked up again", `${imported.killToPickedUpSeconds} s (heartbeat 10 s + supervise pass 10 s)`],
      ["kill -> finished", `${imported.killToFinishedSeconds} s`],
      ["row counts and content hashes", imported.sameRowsAndHashes ? `equal to the uninterrupted import (${imported.turns.toLocaleString("en-US")} turns)` : "DIFFERENT"],
    ],
    [false, false],
  );
  log("");
  const checks = figures.contamination as Awaited<ReturnType<typeof contaminationScaling>>;
  log(`(d) contamination check, ${SCALE.contaminationMb} MB of training text, ${SCALE.contaminationItems.toLocaleString("en-US")} test items, ranges shared by the workers (1 job each at a time)`);
  printTable(
    log,
    ["workers", "ranges", "wall s", "MB scanned", "MB/s", "speed-up over 1"],
    checks.map((row) => [row.workers, row.ranges, row.wallSeconds, row.megabytes, row.mbPerSecond, row.speedUp].map(String)),
    [true, true, true, true, true, true],
  );
  log(`the same labels with 1, 2 and 4 workers; the speed-up is bounded by the host's ${os.cpus().length} CPUs (PostgreSQL and every worker share them)`);
  figures.loadAfter = Number(os.loadavg()[0]!.toFixed(2));
  log(`host: ${os.cpus().length} CPUs, load average ${figures.loadBefore} before, ${figures.loadAfter} after (other work on the host skews the figures)`);
}
