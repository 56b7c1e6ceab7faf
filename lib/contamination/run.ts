/**
 * The check as a job. A run is split into trajectory id ranges; any worker
 * process claims the next pending range (FOR UPDATE SKIP LOCKED), scans it and
 * marks it done in the same transaction that writes its trajectory results and
 * the test n-grams it matched. So a crashed run resumes without redoing done
 * ranges, several processes can share a run, and cancelling is a state flag
 * checked between batches. The last worker to find no range left scores the
 * test items from the union of matched n-grams and writes the report.
 */
import { recordAudit } from "@/lib/audit/events";
import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import type { TPgRow } from "@/lib/db/row";
import { copyRows } from "@/lib/db/copy";
import { inTransaction, withTransaction } from "@/lib/db/transaction";
import type { ContaminationItemResult, ContaminationRun, ContaminationRunRange } from "@/lib/generated/prisma/client";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { assertNoEmptyItems } from "@/lib/testsets/field-check";
import { findTestSet } from "@/lib/testsets/import";
import { templateList } from "./check";
import { checkParams, type TCheckParams } from "./params";
import { resolveDatasets, scopeOf, type TDatasetChoice, type TTrainingScope } from "./run-datasets";
import { TRAJECTORIES_PER_ITEM } from "./scan";
import { commitRange, scanRange, type TClaimedRange } from "./scan-range";
import { scoreItems, taskTable, type TTaskRow } from "./score";
import { buildTestIndex, type TTestIndex, type TTestItemInput } from "./test-index";

/**
 * Trajectories per range: small enough that a crash loses little (a range of
 * agent trajectories is ~25 MB of compared text, under a second), big
 * enough that claiming, the first (not prefetched) batch and the commit stay cheap.
 */
export const RANGE_TRAJECTORIES = 5000;
/** A range claimed longer ago than this is taken to belong to a dead worker. */
const STALE_CLAIM = "5 minutes";

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

/** Creates a run and plans its ranges. Scope: review:write (a check labels trajectories, like a review does). */
export async function createRun(actor: TActor, testSet: string | number, input: TRunInput = {}): Promise<TRun> {
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
            b as (select id, dataset_id, island, (row_number() over (partition by dataset_id, island order by id) - 1) / ${RANGE_TRAJECTORIES} as bucket
                    from t where dataset_id = any($2::int[])),
            ins as (insert into contamination_run_ranges (run_id, from_id, to_id)
                    select $1, min(id), max(id) from b group by dataset_id, island, bucket order by min(id) returning 1)
       select (select count(*)::int from ins) as ranges, (select count(*)::int from b) as trajectories`,
      runId,
      datasetIds,
    );
    const { ranges, trajectories } = planned!;
    await tx.contaminationRun.update({ where: { id: runId }, data: { totalRanges: ranges, totalTrajectories: trajectories, startedAt: new Date() } });
    await recordAudit(tx, actor, { type: "contamination.run_started", target: { type: "contamination_run", id: runId }, after: { testSet: set.name, params, ranges, trajectories } });
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
    await recordAudit(tx, actor, { type: "contamination.run_finished", target: { type: "contamination_run", id }, after: { state: "cancelled" } });
  });
  return getRun(actor, id);
}

export type TWorkOptions = {
  /** Also take ranges still marked running by a worker that crashed (CLI --resume). */
  reclaimRunning?: boolean;
  onProgress?: (run: TRun) => void;
};

/** A test set's items in position order: an item's position is its index in the check's n-gram index. */
export async function loadTestItems(testSetId: number): Promise<TTestItemInput[]> {
  const items = await prisma().testSetItem.findMany({ where: { testSetId }, orderBy: { position: "asc" }, select: { externalId: true, task: true, text: true } });
  return items.map((item) => ({ id: item.externalId, task: item.task, text: item.text }));
}

async function loadIndex(testSetId: number, params: TCheckParams): Promise<TTestIndex> {
  return buildTestIndex(await loadTestItems(testSetId), params);
}

/**
 * Works on a run until no range is left, then finishes it if this worker is the
 * one to see that. Any number of processes can call this for the same run.
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
      // SQL: FOR UPDATE SKIP LOCKED lets several workers claim ranges without waiting on each other.
      const claimed = await pool().query<TClaimedRange>(
        `update contamination_run_ranges set state = 'running', claimed_at = clock_timestamp()
          where id = (select g.id from contamination_run_ranges g join contamination_runs r on r.id = g.run_id
                       where g.run_id = $1 and r.state = 'running'
                         and (g.state = 'pending' or (g.state = 'running' and ($2 or g.claimed_at < now() - interval '${STALE_CLAIM}')))
                       order by g.id limit 1 for update of g skip locked)
          returning id, from_id::text as "fromId", to_id::text as "toId", claimed_at as "claimedAt"`,
        [runId, options.reclaimRunning ?? false],
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
    await prisma().contaminationRun.updateMany({
      where: { id: runId, state: "running" },
      data: { state: "failed", error: error instanceof Error ? error.message : String(error), finishedAt: new Date() },
    });
    throw error;
  }
  run = await getRun(actor, runId);
  options.onProgress?.(run);
  return run;
}

/** Scores the items and labels the trajectories, once every range is done; a no-op for every other worker. */
async function finishRun(actor: TActor, runId: number, index: TTestIndex, scope: TTrainingScope): Promise<void> {
  // A pg transaction: the item results go in with COPY.
  await withTransaction(async (client) => {
    const run = await client.query<Pick<ContaminationRun, "state" | "params">>(`select state, params from contamination_runs where id = $1 for update`, [runId]);
    if (run.rows[0]?.state !== "running") return;
    const left = await client.query(`select 1 from contamination_run_ranges where run_id = $1 and state <> 'done' limit 1`, [runId]);
    if (left.rowCount) return;
    const params = run.rows[0].params as TCheckParams;
    const matched = new Uint8Array(index.ngramCount);
    const ids = await client.query<{ g: number }>(`select distinct unnest(matched) as g from contamination_run_ranges where run_id = $1`, [runId]);
    for (const { g } of ids.rows) matched[g] = 1;
    const items = scoreItems(index, matched, params);
    const linked = await client.query<{ position: number; ids: string[] }>(
      `select i as position, (array_agg(trajectory_id order by trajectory_id))[1:${TRAJECTORIES_PER_ITEM}]::text[] as ids
         from contamination_trajectory_results, unnest(items) i where run_id = $1 group by i`,
      [runId],
    );
    const byItem = new Map(linked.rows.map((r) => [r.position, r.ids]));
    await copyRows(
      client,
      "contamination_item_results",
      ["run_id", "position", "external_id", "task", "tokens", "contaminated", "rate", "label", "spans", "trajectory_ids"],
      items.map((it) => [runId, it.index, it.id, it.task, it.tokens, it.contaminated, it.rate, it.label, JSON.stringify(it.spans), `{${(byItem.get(it.index) ?? []).join(",")}}`]),
    );
    const templates = templateList(index);
    const summary: TRunSummary = { table: taskTable(items), templates: templates.slice(0, 500), templateCount: templates.length };
    // The newest finished run that compared a trajectory labels it (the table filters on that); other datasets keep
    // theirs. Rows whose label and rate stay the same are not rewritten (trajectories carries many indexes).
    await client.query(
      `update trajectories t set contamination_rate = null, contamination_label = null
        where t.contamination_label is not null and t.dataset_id = any($2::int[])
          and not exists (select 1 from contamination_trajectory_results r where r.run_id = $1 and r.trajectory_id = t.id)`,
      [runId, scope.datasetIds],
    );
    await client.query(
      `update trajectories t set contamination_rate = r.rate, contamination_label = r.label
         from contamination_trajectory_results r
        where r.run_id = $1 and t.id = r.trajectory_id
          and (t.contamination_label is distinct from r.label or t.contamination_rate is distinct from r.rate)`,
      [runId],
    );
    await client.query(`update contamination_runs set state = 'finished', summary = $2, finished_at = now() where id = $1`, [runId, JSON.stringify(summary)]);
    await recordAudit(client, actor, {
      type: "contamination.run_finished",
      target: { type: "contamination_run", id: runId },
      after: { state: "finished", total: summary.table.total, templateCount: templates.length },
    });
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
