/**
 * Jobs as the API, CLI and pages see them: list, show, cancel, retry, across
 * every kind. States are ours (queued, running, done, failed, cancelled), read
 * from the engine's table with our progress beside it. Reading needs
 * trajectories:read; cancelling and retrying need the kind's own scope (the
 * same permission as the task itself).
 */
import { z } from "zod";
import { actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { cancelJob, getJob, JOBS_SCHEMA, jobEngine, jobsOnClient } from "@/lib/jobs/engine";
import { isJobKind, JOB_KIND_NAMES, jobKind, type TJobKindName } from "./index";
import type { TJobProgress } from "@/lib/jobs/progress";

export const JOB_STATES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type TJobState = (typeof JOB_STATES)[number];

/** The engine's states, as ours: created and retry wait in the queue, active runs, completed is done. */
const ENGINE_STATES: Record<TJobState, string[]> = {
  queued: ["created", "retry"],
  running: ["active"],
  done: ["completed"],
  failed: ["failed"],
  cancelled: ["cancelled"],
};

export const ZJobFilter = z
  .object({
    kind: z.enum(JOB_KIND_NAMES as [TJobKindName, ...TJobKindName[]]).optional(),
    state: z.enum(JOB_STATES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Where the previous page ended (its nextCursor). */
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type TJobFilter = z.infer<typeof ZJobFilter>;

export type TJob = {
  id: string;
  kind: TJobKindName;
  state: TJobState;
  /** What its progress counts (samples, trajectories, bytes), known before the first report. */
  unit: string;
  progress: Omit<TJobProgress, "worker" | "updatedAt"> | null;
  startedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The worker (host:pid) that reported progress last. */
  worker: string | null;
  /** Attempts so far (1 on the first run). */
  attempts: number;
  error: string | null;
  result: { type: string; id: number; href: string } | null;
  /** What a done job returned (an import's report). */
  output: Record<string, unknown> | null;
};

type TJobRow = {
  id: string;
  name: string;
  state: string;
  data: Record<string, unknown> | null;
  retry_count: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: Record<string, unknown> | null;
  done: string | null;
  total: string | null;
  unit: string | null;
  worker: string | null;
  /** created_on as PostgreSQL writes it, exact to the microsecond (the list's cursor). */
  created_key: string;
};

function toState(engineState: string): TJobState {
  return (Object.keys(ENGINE_STATES) as TJobState[]).find((state) => ENGINE_STATES[state].includes(engineState)) ?? "queued";
}

function toJob(row: TJobRow): TJob {
  const kind = row.name as TJobKindName;
  const state = toState(row.state);
  const parsed = jobKind(kind).payload.safeParse(row.data);
  const actor = (row.data as { actor?: TActor } | null)?.actor;
  const message = row.output && typeof row.output.message === "string" ? row.output.message : null;
  return {
    id: row.id,
    kind,
    state,
    unit: jobKind(kind).unit,
    progress: row.unit === null ? null : { done: Number(row.done), total: row.total === null ? null : Number(row.total), unit: row.unit },
    startedBy: actor ? actorLabel(actor) : null,
    createdAt: row.created_on.toISOString(),
    startedAt: row.started_on?.toISOString() ?? null,
    finishedAt: state === "done" || state === "failed" || state === "cancelled" ? (row.completed_on?.toISOString() ?? null) : null,
    worker: row.worker,
    attempts: state === "queued" && row.started_on === null ? 0 : row.retry_count + 1,
    error: state === "failed" || state === "queued" ? message : null,
    result: parsed.success ? jobKind(kind).result(parsed.data, state === "done" ? row.output : null) : null,
    output: state === "done" ? row.output : null,
  };
}

const SELECT = `select j.id, j.name, j.created_on::text as created_key, j.state::text as state, j.data, j.retry_count, j.created_on, j.started_on, j.completed_on, j.output,
                       p.done::text as done, p.total::text as total, p.unit, p.worker
                  from ${JOBS_SCHEMA}.job j left join job_progress p on p.job_id = j.id`;

/** A position in the jobs list (newest first): a job's creation time, exact as PostgreSQL writes it, and its id. */
const ZJobCursor = z.object({ at: z.string().max(64), id: z.uuid() });

function decodeJobCursor(text: string): z.infer<typeof ZJobCursor> {
  try {
    return ZJobCursor.parse(JSON.parse(Buffer.from(text, "base64url").toString()));
  } catch {
    throw new UserFacingError("cursor: not a cursor of this list; pass the nextCursor of the previous page");
  }
}

/** The newest jobs first, filtered by kind and state. */
export async function listJobs(actor: TActor, filter: z.input<typeof ZJobFilter> = {}): Promise<TJob[]> {
  return (await listJobsPage(actor, filter)).jobs;
}

/** One page of the newest jobs first; nextCursor reads the next page (null on the last). */
export async function listJobsPage(actor: TActor, filter: z.input<typeof ZJobFilter> = {}): Promise<{ jobs: TJob[]; nextCursor: string | null }> {
  assertCan(actor, "trajectories:read");
  const parsed = ZJobFilter.parse(filter);
  const after = parsed.cursor === undefined ? null : decodeJobCursor(parsed.cursor);
  await jobEngine(); // the engine's tables exist once it has started
  const kinds = parsed.kind ? [parsed.kind] : JOB_KIND_NAMES;
  const states = parsed.state ? ENGINE_STATES[parsed.state] : Object.values(ENGINE_STATES).flat();
  const keyset = after ? `and (j.created_on, j.id) < ($4::timestamptz, $5::uuid)` : "";
  const rows = await pool().query<TJobRow>(
    `${SELECT} where j.name = any($1::text[]) and j.state::text = any($2::text[]) ${keyset}
      order by j.created_on desc, j.id desc limit $3`,
    [kinds, states, parsed.limit + 1, ...(after ? [after.at, after.id] : [])],
  );
  const page = rows.rows.slice(0, parsed.limit);
  const last = page.at(-1);
  const more = rows.rows.length > parsed.limit && last;
  return {
    jobs: page.map(toJob),
    nextCursor: more ? Buffer.from(JSON.stringify({ at: last.created_key, id: last.id })).toString("base64url") : null,
  };
}

export async function getJobById(actor: TActor, jobId: string): Promise<TJob> {
  assertCan(actor, "trajectories:read");
  if (!z.uuid().safeParse(jobId).success) throw new NotFoundError(`no job ${jobId}`);
  await jobEngine();
  const rows = await pool().query<TJobRow>(`${SELECT} where j.id = $1 and j.name = any($2::text[])`, [jobId, JOB_KIND_NAMES]);
  const row = rows.rows[0];
  if (!row || !isJobKind(row.name)) throw new NotFoundError(`no job ${jobId}`);
  return toJob(row);
}

/** Cancels a queued or running job through its task, so the task's record says so too (and is audited). */
export async function cancelJobById(actor: TActor, jobId: string): Promise<TJob> {
  const job = await getJobById(actor, jobId);
  assertCan(actor, jobKind(job.kind).scope);
  if (job.state !== "queued" && job.state !== "running") throw new UserFacingError(`job ${jobId} is ${job.state}: only a queued or running job can be cancelled`);
  const kind = jobKind(job.kind);
  if (kind.cancel) await kind.cancel(actor, await jobPayload(job));
  else await cancelJob(job.kind, jobId);
  return getJobById(actor, jobId);
}

/** Runs a failed or cancelled job again (its task starts afresh), audited. */
export async function retryJobById(actor: TActor, jobId: string): Promise<TJob> {
  const job = await getJobById(actor, jobId);
  assertCan(actor, jobKind(job.kind).scope);
  if (job.state !== "failed" && job.state !== "cancelled") throw new UserFacingError(`job ${jobId} is ${job.state}: only a failed or cancelled job can be retried`);
  const boss = await jobEngine();
  await withTransaction(async (client) => {
    await jobKind(job.kind).beforeRetry?.(client, actor, await jobPayload(job), jobId);
    const db = jobsOnClient(client);
    if (job.state === "failed") await boss.retry(job.kind, jobId, { db });
    else await boss.resume(job.kind, jobId, { db });
  });
  return getJobById(actor, jobId);
}

/** A job's payload as its kind reads it (the task hooks need the record it works on). */
async function jobPayload(job: TJob): Promise<unknown> {
  const found = await getJob(job.kind, job.id);
  return jobKind(job.kind).payload.parse(found?.data);
}
