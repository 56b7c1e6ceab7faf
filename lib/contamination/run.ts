/**
 * A check, split into trajectory id ranges. Each range is scanned and marked
 * done in the same transaction that writes its trajectory results and the test
 * n-grams it matched, so done ranges are never redone. Queued (the web app,
 * `contamination run --queue`), every range is a job of the engine
 * (contamination-job.ts), enqueued in the transaction that creates the run, and
 * any number of workers share them; in this process (the CLI's default),
 * workRun takes the ranges one after the other. Cancelling is a state flag
 * checked between batches. Whoever completes the last range finishes the run
 * (finish.ts): scores the test items and writes the report and the labels.
 */
import { recordAudit } from "@/lib/audit/events";
import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import type { TPgRow } from "@/lib/db/row";
import { inTransaction } from "@/lib/db/transaction";
import type { ContaminationItemResult, ContaminationRun } from "@/lib/generated/prisma/client";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { cancelJob, JOBS_SCHEMA, jobsInTransaction, sendJobs } from "@/lib/jobs/engine";
import { assertNoEmptyItems } from "@/lib/testsets/field-check";
import { findTestSet } from "@/lib/testsets/import";
import { contaminationJob } from "./contamination-job";
import { finishRun } from "./finish";
import { checkParams, type TCheckParams } from "./params";
import { resolveDatasets, scopeOf, type TDatasetChoice } from "./run-datasets";
import { commitRange, scanRange, type TClaimedRange } from "./scan-range";
import type { TTaskRow } from "./score";
import { buildTestIndex, type TTestIndex, type TTestItemInput } from "./test-index";

/**
 * Trajectories per range: small enough that a crash loses little (a range of
 * agent trajectories is ~25 MB of compared text, under a second), big
 * enough that claiming, the first (not prefetched) batch and the commit stay cheap.
 */
export const RANGE_TRAJECTORIES = 5000;

/** CONTAMINATION_RANGE_TRAJECTORIES overrides it (tests plan many small ranges). */
export function rangeTrajectories(value = process.env.CONTAMINATION_RANGE_TRAJECTORIES): number {
  if (!value) return RANGE_TRAJECTORIES;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`CONTAMINATION_RANGE_TRAJECTORIES: "${value}" is not a whole number of at least 1`);
  return parsed;
}

export type TRunState = "queued" | "running" | "cancelled" | "failed" | "finished";

export type TRunSummary = {
  table: { rows: TTaskRow[]; total: TTaskRow };
  templates: { text: string; items: number }[];
  templateCount: number;
};

export type TRun = Omit<ContaminationRun, "params" | "state" | "bytesScanned" | "summary" | "createdById"> & {
  testSetName: string;
  params: TCheckParams;
  state: TRunState;
  bytesScanned: number;
  summary: TRunSummary | null;
  /** Seconds left at the current pace, while running. */
  etaSeconds: number | null;
};

type TRunWithSet = ContaminationRun & { testSet: { name: string } };
const WITH_SET = { testSet: { select: { name: true } } } as const;

function toRun({ testSet, createdById: _createdBy, ...r }: TRunWithSet): TRun {
  let etaSeconds: number | null = null;
  if (r.state === "running" && r.startedAt && r.doneTrajectories > 0) {
    const elapsed = (Date.now() - r.startedAt.getTime()) / 1000;
    etaSeconds = Math.max(0, Math.round((elapsed / r.doneTrajectories) * (r.totalTrajectories - r.doneTrajectories)));
  }
  return {
    ...r,
    testSetName: testSet.name,
    params: r.params as TCheckParams,
    state: r.state as TRunState,
    bytesScanned: Number(r.bytesScanned),
    summary: r.summary as TRunSummary | null,
    etaSeconds,
  };
}

export async function getRun(actor: TActor, id: number): Promise<TRun> {
  assertCan(actor, "trajectories:read");
  const run = await prisma().contaminationRun.findUnique({ where: { id }, include: WITH_SET });
  if (!run) throw new NotFoundError(`no contamination run ${id}`);
  return toRun(run);
}

export async function listRuns(actor: TActor, limit = 50): Promise<TRun[]> {
  assertCan(actor, "trajectories:read");
  const runs = await prisma().contaminationRun.findMany({ orderBy: { id: "desc" }, take: limit, include: WITH_SET });
  return runs.map(toRun);
}

/** What a caller may set: the check parameters, and which datasets to compare (resolved to ids and names here). */
export type TRunInput = Partial<Omit<TCheckParams, "datasets">> & TDatasetChoice;

/**
 * Creates a run and plans its ranges. Scope: review:write (a check labels trajectories, like a review does).
 * With queue, every range is also enqueued as a job for the workers, in the same transaction: the jobs exist
 * if and only if the run does. Without, the caller works it in its own process (workRun, the CLI's default).
 */
export async function createRun(actor: TActor, testSet: string | number, input: TRunInput = {}, options: { queue?: boolean } = {}): Promise<TRun> {
  assertCan(actor, "review:write");
  const { datasets: wanted, includeGeneral, ...rest } = input;
  const checked = checkParams(rest);
  const set = await findTestSet(actor, testSet);
  if (!set) throw new NotFoundError(`no test set "${testSet}"`);
  await assertNoEmptyItems(set);
  const id = await inTransaction(async (tx) => {
    const params: TCheckParams = { ...checked, datasets: await resolveDatasets(tx, { datasets: wanted, includeGeneral }) };
    const datasetIds = params.datasets!.map((d) => d.id);
    const { id: runId } = await tx.contaminationRun.create({
      data: { testSetId: set.id, params, state: "running", createdById: actorId(actor) },
      select: { id: true },
    });
    const [planned] = await tx.$queryRawUnsafe<{ ranges: number; trajectories: number }[]>(
      // Ranges never cross from one dataset to another (islands of consecutive ids of one dataset, then
      // buckets): a range is then read without a join, and holds no trajectory the run does not compare.
      `with t as (select id, dataset_id, row_number() over (order by id) - row_number() over (partition by dataset_id order by id) as island
                    from trajectories),
            b as (select id, dataset_id, island, (row_number() over (partition by dataset_id, island order by id) - 1) / ${rangeTrajectories()} as bucket
                    from t where dataset_id = any($2::int[])),
            ins as (insert into contamination_run_ranges (run_id, from_id, to_id)
                    select $1, min(id), max(id) from b group by dataset_id, island, bucket order by min(id) returning 1)
       select (select count(*)::int from ins) as ranges, (select count(*)::int from b) as trajectories`,
      runId,
      datasetIds,
    );
    const { ranges, trajectories } = planned!;
    await tx.contaminationRun.update({ where: { id: runId }, data: { totalRanges: ranges, totalTrajectories: trajectories, startedAt: new Date() } });
    if (options.queue) {
      const rangeIds = await tx.contaminationRunRange.findMany({ where: { runId }, orderBy: { id: "asc" }, select: { id: true } });
      await sendJobs(contaminationJob, rangeIds.map((range) => ({ runId, rangeId: range.id, actor })), jobsInTransaction(tx));
    }
    await recordAudit(tx, actor, { type: "contamination.run_started", target: { type: "contamination_run", id: runId }, after: { testSet: set.name, params, ranges, trajectories, queued: options.queue ?? false } });
    return runId;
  });
  return getRun(actor, id);
}

export async function cancelRun(actor: TActor, id: number): Promise<TRun> {
  assertCan(actor, "review:write");
  await inTransaction(async (tx) => {
    const cancelled = await tx.contaminationRun.updateMany({
      where: { id, state: { in: ["queued", "running"] } },
      data: { state: "cancelled", finishedAt: new Date() },
    });
    if (!cancelled.count) throw new UserFacingError("only a running check can be cancelled");
    // Its range jobs end too: queued ones never start, running ones see the state at their next batch (within 0.5 s).
    // (No engine tables yet: nothing was ever queued, as with a check run in the CLI's own process.)
    const [engine] = await tx.$queryRawUnsafe<{ ready: boolean }[]>(`select to_regclass('${JOBS_SCHEMA}.job') is not null as ready`);
    const open = !engine?.ready
      ? []
      : await tx.$queryRawUnsafe<{ id: string }[]>(
          `select id::text as id from ${JOBS_SCHEMA}.job where name = $1 and (data->>'runId')::int = $2 and state < 'completed'`,
          contaminationJob.name,
          id,
        );
    if (open.length > 0) await cancelJob(contaminationJob.name, open.map((job) => job.id), jobsInTransaction(tx));
    await recordAudit(tx, actor, { type: "contamination.run_finished", target: { type: "contamination_run", id }, after: { state: "cancelled" } });
  });
  return getRun(actor, id);
}

export type TWorkOptions = { onProgress?: (run: TRun) => void };

/** A test set's items in position order: an item's position is its index in the check's n-gram index. */
export async function loadTestItems(testSetId: number): Promise<TTestItemInput[]> {
  const items = await prisma().testSetItem.findMany({ where: { testSetId }, orderBy: { position: "asc" }, select: { externalId: true, task: true, text: true } });
  return items.map((item) => ({ id: item.externalId, task: item.task, text: item.text }));
}

export async function loadIndex(testSetId: number, params: TCheckParams): Promise<TTestIndex> {
  return buildTestIndex(await loadTestItems(testSetId), params);
}

/**
 * Works a run in this process (the CLI without --queue): takes its pending
 * ranges one after the other, then finishes it. Queued runs are worked by the
 * engine's workers instead (contamination-job.ts).
 */
export async function workRun(actor: TActor, runId: number, options: TWorkOptions = {}): Promise<TRun> {
  assertCan(actor, "review:write");
  let run = await getRun(actor, runId);
  if (run.state !== "running") return run;
  const index = await loadIndex(run.testSetId, run.params);
  const scope = await scopeOf(run.params);
  let committing: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const claimed = await pool().query<TClaimedRange>(
        `update contamination_run_ranges set state = 'running', claimed_at = clock_timestamp()
          where id = (select g.id from contamination_run_ranges g join contamination_runs r on r.id = g.run_id
                       where g.run_id = $1 and r.state = 'running' and g.state = 'pending'
                       order by g.id limit 1 for update of g skip locked)
          returning id, from_id::text as "fromId", to_id::text as "toId", claimed_at as "claimedAt"`,
        [runId],
      );
      const range = claimed.rows[0];
      if (!range) break;
      const scanned = await scanRange(index, run.params, scope, runId, range);
      // One commit in flight while the next range is scanned; a crash before it lands leaves the range to be redone.
      await committing;
      if (!scanned) break; // cancelled
      committing = commitRange(runId, range, scope, scanned).then(async () => {
        run = await getRun(actor, runId);
        options.onProgress?.(run);
      });
      committing.catch(() => {}); // awaited above or below; never unhandled meanwhile
    }
    await committing;
    await finishRun(actor, runId, index, scope);
  } catch (error) {
    await failRun(runId, error);
    throw error;
  }
  run = await getRun(actor, runId);
  options.onProgress?.(run);
  return run;
}

/** Marks a running run failed with the error's message (a cancelled or finished one stays as it is). */
export async function failRun(runId: number, error: unknown): Promise<void> {
  await prisma().contaminationRun.updateMany({
    where: { id: runId, state: "running" },
    data: { state: "failed", error: error instanceof Error ? error.message : String(error), finishedAt: new Date() },
  });
}

export type TItemRow = TPgRow<Omit<ContaminationItemResult, "runId" | "spans">> & { spans: [number, number][] };

export async function runItems(actor: TActor, runId: number, options: { label?: string; limit?: number } = {}): Promise<TItemRow[]> {
  assertCan(actor, "trajectories:read");
  const items = await prisma().contaminationItemResult.findMany({
    where: { runId, ...(options.label == null ? {} : { label: options.label }) },
    orderBy: [{ rate: "desc" }, { position: "asc" }],
    take: options.limit ?? 1000,
  });
  return items.map(({ runId: _run, ...item }) => ({
    ...item,
    spans: item.spans as [number, number][],
    trajectoryIds: item.trajectoryIds.map(String),
  }));
}
