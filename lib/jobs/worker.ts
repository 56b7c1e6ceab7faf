/**
 * A worker: takes jobs of the kinds it is given (lib/job-kinds) from the engine, WORKER_CONCURRENCY at a
 * time per kind (one number, or per kind), and runs them. Stopping asks running jobs to reach a safe
 * point and hand themselves back (the engine retries them elsewhere), then
 * waits for them before the engine stops.
 */
import os from "node:os";
import type { JobResult, JobWithMetadata } from "pg-boss";
import { JobFailedForGood, type TJobContext, type TJobKind } from "./context";
import { jobEngine, queueFor, stopJobEngine } from "./engine";
import { ProgressWriter, pruneProgress } from "./progress";

export type TWorker = { name: string; stop(): Promise<void> };

export type TWorkerOptions = { kinds: readonly TJobKind<unknown>[]; concurrency: number | TConcurrency; log?: (line: string) => void };

/** Seconds between polls for new jobs (the latency of a job's start). */
function pollSeconds(): number {
  return Number(process.env.JOBS_POLL_SECONDS ?? 1);
}

/** Jobs a worker runs at once, per kind: `fallback` for every kind not named. */
export type TConcurrency = { fallback: number; perKind: Record<string, number> };

function slots(value: string, part: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 64) throw new Error(`WORKER_CONCURRENCY: "${part}": ${value} is not a whole number from 1 to 64`);
  return parsed;
}

/**
 * WORKER_CONCURRENCY: "4" (every kind), "export=1,contamination=4" (the others
 * 1) or "2,export=1" (the others 2). kinds: the names it may use (checked when given).
 */
export function workerConcurrency(value = process.env.WORKER_CONCURRENCY, kinds?: readonly string[]): TConcurrency {
  const plan: TConcurrency = { fallback: 1, perKind: {} };
  let fallback: number | null = null;
  for (const part of (value ?? "").split(",").map((item) => item.trim()).filter(Boolean)) {
    const [name, count] = part.includes("=") ? part.split("=").map((item) => item.trim()) : [null, part];
    if (name === null) {
      if (fallback !== null) throw new Error(`WORKER_CONCURRENCY: two defaults (${fallback} and ${count})`);
      fallback = plan.fallback = slots(count!, part);
      continue;
    }
    if (kinds && !kinds.includes(name!)) throw new Error(`WORKER_CONCURRENCY: no job kind "${name}" (kinds: ${kinds.join(", ")})`);
    plan.perKind[name!] = slots(count!, part);
  }
  return plan;
}

export function concurrencyOf(concurrency: number | TConcurrency, kind: string): number {
  return typeof concurrency === "number" ? concurrency : (concurrency.perKind[kind] ?? concurrency.fallback);
}

/** "2 at a time per kind, export 1": for the worker's start line. */
export function describeConcurrency(concurrency: number | TConcurrency): string {
  if (typeof concurrency === "number") return `${concurrency} at a time per kind`;
  const named = Object.entries(concurrency.perKind).map(([kind, count]) => `${kind} ${count}`);
  return [`${concurrency.fallback} at a time per kind`, ...named].join(", ");
}

export async function startWorker(options: TWorkerOptions): Promise<TWorker> {
  const log = options.log ?? (() => {});
  const name = `${os.hostname()}:${process.pid}`;
  const boss = await jobEngine("worker");
  let stopping = false;
  for (const kind of options.kinds) {
    await queueFor(kind);
    const workOptions = { localConcurrency: concurrencyOf(options.concurrency, kind.name), batchSize: 1, includeMetadata: true, perJobResults: true, pollingIntervalSeconds: pollSeconds() } as const;
    await boss.work<unknown, unknown, typeof workOptions>(kind.name, workOptions, async (jobs) => {
      const results: JobResult[] = [];
      for (const job of jobs) results.push(await runOne(kind, job, name, () => stopping, log));
      return results;
    });
  }
  // The engine deletes finished jobs after its retention; their progress rows go too, at start and then hourly.
  const prune = () => void pruneProgress().catch((error: Error) => log(`pruning job progress: ${error.message}`));
  prune();
  const pruning = setInterval(prune, Number(process.env.JOBS_PRUNE_SECONDS ?? 3600) * 1000);
  pruning.unref();
  return {
    name,
    async stop() {
      stopping = true;
      clearInterval(pruning);
      await stopJobEngine();
    },
  };
}

async function runOne(kind: TJobKind<unknown>, job: JobWithMetadata<unknown>, worker: string, stopping: () => boolean, log: (line: string) => void): Promise<JobResult> {
  const writer = new ProgressWriter(job.id, kind.name, kind.unit, worker);
  const context: TJobContext = {
    jobId: job.id,
    attempt: job.retryCount,
    lastAttempt: job.retryCount >= job.retryLimit,
    progress: async (done, total, force) => void (await writer.report(done, total, force)),
    stopping,
  };
  const payload = kind.payload.safeParse(job.data);
  if (!payload.success) return { id: job.id, status: "deadletter", output: { message: `bad payload: ${payload.error.message}` } };
  log(`${kind.name} job ${job.id} started (attempt ${job.retryCount + 1})`);
  try {
    const output = await kind.run(payload.data, context);
    log(`${kind.name} job ${job.id} done`);
    return { id: job.id, status: "completed", output };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${kind.name} job ${job.id} ended: ${message}`);
    // A failure no retry can fix ends the job now (no dead-letter queue is configured, so it simply fails).
    if (error instanceof JobFailedForGood) return { id: job.id, status: "deadletter", output: { message } };
    throw error;
  }
}
