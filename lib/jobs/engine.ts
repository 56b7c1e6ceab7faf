/**
 * The job engine: pg-boss on the app's own PostgreSQL (schema `pgboss`), one
 * instance per process. The web server and the CLI use it as a client (send,
 * cancel, retry, read); worker processes (lib/jobs/worker.ts) also supervise
 * it, which is what turns a dead worker's job (no heartbeat) back into a retry.
 * Queues are created per job kind, with the kind's policy, the first time a
 * process sends or works one. The engine knows no kind: each lives with its
 * domain (lib/export/export-job.ts), so imports point one way, domain -> engine.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { TTx } from "@/lib/db/transaction";
import { PgBoss, type Db as IDatabase, type JobWithMetadata } from "pg-boss";
import type { TJobKind } from "./context";

export const JOBS_SCHEMA = "pgboss";

export type TEngineRole = "client" | "worker";

type TEngine = { boss: PgBoss; role: TEngineRole; ready: Promise<PgBoss> };

// One engine per process, cached on globalThis so Next's dev reloads reuse it.
const cache = globalThis as unknown as { trajectoryStudioJobs?: TEngine; trajectoryStudioQueues?: Map<string, Promise<void>> };

/** Seconds between the supervisor's passes (expired and heartbeat-less jobs go back to the queue). */
export function superviseSeconds(): number {
  return Number(process.env.JOBS_SUPERVISE_SECONDS ?? 10);
}

function createEngine(role: TEngineRole): TEngine {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the job engine lives in the app's PostgreSQL");
  const boss = new PgBoss({
    connectionString,
    schema: JOBS_SCHEMA,
    application_name: `trajectory-studio-${role}`,
    max: Number(process.env.JOBS_POOL_SIZE ?? 4),
    // Only workers supervise: the web process enqueues and reads, it runs no long work and no monitors.
    supervise: role === "worker",
    superviseIntervalSeconds: superviseSeconds(),
    // The pass that expires jobs and fails heartbeat-less ones (a killed worker's) runs at this interval too.
    monitorIntervalSeconds: superviseSeconds(),
    schedule: false,
  });
  // A lost connection (PostgreSQL restart) is an 'error' event: logged, and pg-boss reconnects on its next query.
  boss.on("error", (error: Error) => console.error(`job engine: ${error.message}`));
  const ready = (async () => {
    await boss.start();
    return boss;
  })();
  ready.catch(() => {}); // surfaces to every caller of jobEngine()
  return { boss, role, ready };
}

/**
 * The process's engine, started and with every kind's queue in place. The
 * first caller decides the role; a worker process calls it with "worker" first.
 */
export async function jobEngine(role: TEngineRole = "client"): Promise<PgBoss> {
  cache.trajectoryStudioJobs ??= createEngine(role);
  return cache.trajectoryStudioJobs.ready;
}

/**
 * Stops the engine. graceful: running handlers get up to timeoutMs to finish
 * (workers ask them to reach a safe point first, lib/jobs/worker.ts).
 */
export async function stopJobEngine(timeoutMs = 30_000): Promise<void> {
  const current = cache.trajectoryStudioJobs;
  if (!current) return;
  cache.trajectoryStudioJobs = undefined;
  cache.trajectoryStudioQueues = undefined;
  await current.ready.catch(() => {});
  await current.boss.stop({ graceful: true, timeout: timeoutMs, close: true }).catch((error: Error) => console.error(`job engine stop: ${error.message}`));
}

/** pg-boss statements on a pg transaction of ours (COPY paths): the job is enqueued if and only if it commits. */
export function jobsOnClient(client: pg.PoolClient): IDatabase {
  return { executeSql: (text, values) => client.query(text, values as unknown[]) };
}

/** The same on a Prisma transaction (lib/db/transaction.ts inTransaction), where most mutations run. */
export function jobsInTransaction(tx: TTx): IDatabase {
  return { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...((values ?? []) as unknown[])) }) };
}

/** Creates or updates a kind's queue with its policy, once per process. */
export async function queueFor(kind: TJobKind<unknown>): Promise<PgBoss> {
  const boss = await jobEngine();
  const ensured = (cache.trajectoryStudioQueues ??= new Map());
  if (!ensured.has(kind.name)) {
    ensured.set(kind.name, (async () => {
      const policy = { retryLimit: kind.retry.limit, retryDelay: kind.retry.delaySeconds, expireInSeconds: kind.timeoutSeconds, heartbeatSeconds: kind.heartbeatSeconds };
      if (await boss.getQueue(kind.name)) await boss.updateQueue(kind.name, policy);
      else await boss.createQueue(kind.name, policy).catch(async (error) => {
        if (!(await boss.getQueue(kind.name))) throw error; // another process created it meanwhile: fine
      });
    })());
  }
  await ensured.get(kind.name);
  return boss;
}

/** Enqueues a job of a kind, its payload checked by the kind's schema. Returns the job id. */
export async function sendJob<P>(kind: TJobKind<P>, payload: P, db?: IDatabase): Promise<string> {
  const data = kind.payload.parse(payload) as object;
  const id = await (await queueFor(kind as TJobKind<unknown>)).send(kind.name, data, db ? { db } : {});
  if (!id) throw new Error(`the job engine did not accept a ${kind.name} job`);
  return id;
}

/** Enqueues many jobs of a kind in one statement (a contamination check's ranges); ids are chosen here and returned. */
export async function sendJobs<P>(kind: TJobKind<P>, payloads: P[], db?: IDatabase): Promise<string[]> {
  const boss = await queueFor(kind as TJobKind<unknown>);
  const jobs = payloads.map((payload) => ({ id: randomUUID(), data: kind.payload.parse(payload) as object }));
  if (jobs.length > 0) await boss.insert(kind.name, jobs, db ? { db } : {});
  return jobs.map((job) => job.id);
}

export async function cancelJob(kind: string, id: string | string[], db?: IDatabase): Promise<void> {
  await (await jobEngine()).cancel(kind, id, db ? { db } : {});
}

export async function retryJob(kind: string, id: string): Promise<void> {
  await (await jobEngine()).retry(kind, id);
}

export async function getJob(kind: string, id: string): Promise<JobWithMetadata<unknown> | null> {
  return (await jobEngine()).getJobById(kind, id);
}
