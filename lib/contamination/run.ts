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
import { pool } from "@/lib/db/client";
import { copyRows } from "@/lib/db/copy";
import { withTransaction } from "@/lib/db/transaction";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { assertNoEmptyItems } from "@/lib/testsets/field-check";
import { findTestSet } from "@/lib/testsets/import";
import { templateList } from "./check";
import { checkParams, type TCheckParams } from "./params";
import { resolveDatasets, scopeOf, type TDatasetChoice, type TTrainingScope } from "./run-datasets";
import { TRAJECTORIES_PER_ITEM } from "./scan";
import { commitRange, scanRange } from "./scan-range";
import { scoreItems, taskTable, type TTaskRow } from "./score";
import { buildTestIndex, type TTestIndex } from "./test-index";

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

export type TRun = {
  id: number;
  testSetId: number;
  testSetName: string;
  params: TCheckParams;
  state: TRunState;
  totalRanges: number;
  doneRanges: number;
  totalTrajectories: number;
  doneTrajectories: number;
  bytesScanned: number;
  summary: TRunSummary | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Seconds left at the current pace, while running. */
  etaSeconds: number | null;
};

type TRunRow = {
  id: number;
  test_set_id: number;
  test_set_name: string;
  params: TCheckParams;
  state: TRunState;
  total_ranges: number;
  done_ranges: number;
  total_trajectories: number;
  done_trajectories: number;
  bytes_scanned: string;
  summary: TRunSummary | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

function toRun(r: TRunRow): TRun {
  let etaSeconds: number | null = null;
  if (r.state === "running" && r.started_at && r.done_trajectories > 0) {
    const elapsed = (Date.now() - r.started_at.getTime()) / 1000;
    etaSeconds = Math.max(0, Math.round((elapsed / r.done_trajectories) * (r.total_trajectories - r.done_trajectories)));
  }
  return {
    id: r.id,
    testSetId: r.test_set_id,
    testSetName: r.test_set_name,
    params: r.params,
    state: r.state,
    totalRanges: r.total_ranges,
    doneRanges: r.done_ranges,
    totalTrajectories: r.total_trajectories,
    doneTrajectories: r.done_trajectories,
    bytesScanned: Number(r.bytes_scanned),
    summary: r.summary,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    etaSeconds,
  };
}

const RUN_SELECT = `select r.*, s.name as test_set_name from contamination_runs r join test_sets s on s.id = r.test_set_id`;

export async function getRun(actor: TActor, id: number): Promise<TRun> {
  assertCan(actor, "trajectories:read");
  const r = await pool().query<TRunRow>(`${RUN_SELECT} where r.id = $1`, [id]);
  if (!r.rows[0]) throw new NotFoundError(`no contamination run ${id}`);
  return toRun(r.rows[0]);
}

export async function listRuns(actor: TActor, limit = 50): Promise<TRun[]> {
  assertCan(actor, "trajectories:read");
  const r = await pool().query<TRunRow>(`${RUN_SELECT} order by r.id desc limit $1`, [limit]);
  return r.rows.map(toRun);
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
  const id = await withTransaction(async (client) => {
    const params: TCheckParams = { ...checked, datasets: await resolveDatasets(client, { datasets: wanted, includeGeneral }) };
    const datasetIds = params.datasets!.map((d) => d.id);
    const created = await client.query<{ id: number }>(
      `insert into contamination_runs (test_set_id, params, state, created_by_id) values ($1, $2, 'running', $3) returning id`,
      [set.id, JSON.stringify(params), actorId(actor)],
    );
    const runId = created.rows[0]!.id;
    const planned = await client.query<{ ranges: number; trajectories: number }>(
      // Ranges never cross from one dataset to another (islands of consecutive ids of one dataset, then
      // buckets): a range is then read without a join, and holds no trajectory the run does not compare.
      `with t as (select id, dataset_id, row_number() over (order by id) - row_number() over (partition by dataset_id order by id) as island
                    from trajectories),
            b as (select id, dataset_id, island, (row_number() over (partition by dataset_id, island order by id) - 1) / ${RANGE_TRAJECTORIES} as bucket
                    from t where dataset_id = any($2::int[])),
            ins as (insert into contamination_run_ranges (run_id, from_id, to_id)
                    select $1, min(id), max(id) from b group by dataset_id, island, bucket order by min(id) returning 1)
       select (select count(*)::int from ins) as ranges, (select count(*)::int from b) as trajectories`,
      [runId, datasetIds],
    );
    const { ranges, trajectories } = planned.rows[0]!;
    await client.query(`update contamination_runs set total_ranges = $2, total_trajectories = $3, started_at = now() where id = $1`, [runId, ranges, trajectories]);
    await recordAudit(client, actor, { type: "contamination.run_started", target: { type: "contamination_run", id: runId }, after: { testSet: set.name, params, ranges, trajectories } });
    return runId;
  });
  return getRun(actor, id);
}

export async function cancelRun(actor: TActor, id: number): Promise<TRun> {
  assertCan(actor, "review:write");
  await withTransaction(async (client) => {
    const r = await client.query(`update contamination_runs set state = 'cancelled', finished_at = now() where id = $1 and state in ('queued', 'running')`, [id]);
    if (!r.rowCount) throw new UserFacingError("only a running check can be cancelled");
    await recordAudit(client, actor, { type: "contamination.run_finished", target: { type: "contamination_run", id }, after: { state: "cancelled" } });
  });
  return getRun(actor, id);
}

export type TWorkOptions = {
  /** Also take ranges still marked running by a worker that crashed (CLI --resume). */
  reclaimRunning?: boolean;
  onProgress?: (run: TRun) => void;
};

async function loadIndex(testSetId: number, params: TCheckParams): Promise<TTestIndex> {
  const items = await pool().query<{ external_id: string; task: string; text: string }>(
    `select external_id, task, text from test_set_items where test_set_id = $1 order by position`,
    [testSetId],
  );
  return buildTestIndex(items.rows.map((r) => ({ id: r.external_id, task: r.task, text: r.text })), params);
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
  const scope = await scopeOf(pool(), run.params);
  let committing: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const claimed = await pool().query<{ id: number; from_id: string; to_id: string; claimed_at: Date }>(
        `update contamination_run_ranges set state = 'running', claimed_at = clock_timestamp()
          where id = (select g.id from contamination_run_ranges g join contamination_runs r on r.id = g.run_id
                       where g.run_id = $1 and r.state = 'running'
                         and (g.state = 'pending' or (g.state = 'running' and ($2 or g.claimed_at < now() - interval '${STALE_CLAIM}')))
                       order by g.id limit 1 for update of g skip locked)
          returning id, from_id, to_id, claimed_at`,
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
    await pool().query(`update contamination_runs set state = 'failed', error = $2, finished_at = now() where id = $1 and state = 'running'`, [
      runId,
      error instanceof Error ? error.message : String(error),
    ]);
    throw error;
  }
  run = await getRun(actor, runId);
  options.onProgress?.(run);
  return run;
}

/** Scores the items and labels the trajectories, once every range is done; a no-op for every other worker. */
async function finishRun(actor: TActor, runId: number, index: TTestIndex, scope: TTrainingScope): Promise<void> {
  await withTransaction(async (client) => {
    const run = await client.query<{ state: string; params: TCheckParams; test_set_id: number }>(`select state, params, test_set_id from contamination_runs where id = $1 for update`, [runId]);
    if (run.rows[0]?.state !== "running") return;
    const left = await client.query(`select 1 from contamination_run_ranges where run_id = $1 and state <> 'done' limit 1`, [runId]);
    if (left.rowCount) return;
    const params = run.rows[0].params;
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

export type TItemRow = { position: number; externalId: string; task: string; tokens: number; contaminated: number; rate: number; label: string; spans: [number, number][]; trajectoryIds: string[] };

export async function runItems(actor: TActor, runId: number, options: { label?: string; limit?: number } = {}): Promise<TItemRow[]> {
  assertCan(actor, "trajectories:read");
  const r = await pool().query<{ position: number; external_id: string; task: string; tokens: number; contaminated: number; rate: number; label: string; spans: [number, number][]; trajectory_ids: string[] }>(
    `select position, external_id, task, tokens, contaminated, rate, label, spans, trajectory_ids::text[] as trajectory_ids
       from contamination_item_results where run_id = $1 and ($2::text is null or label = $2) order by rate desc, position limit $3`,
    [runId, options.label ?? null, options.limit ?? 1000],
  );
  return r.rows.map((x) => ({ position: x.position, externalId: x.external_id, task: x.task, tokens: x.tokens, contaminated: x.contaminated, rate: x.rate, label: x.label, spans: x.spans, trajectoryIds: x.trajectory_ids }));
}
