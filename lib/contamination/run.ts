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
import { actorId, assertCan, type TActor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/client";
import { copyRows, type TCopyValue } from "@/lib/db/copy";
import { withTransaction } from "@/lib/db/transaction";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { findTestSet } from "@/lib/testsets/import";
import { templateList } from "./check";
import { checkParams, type TCheckParams } from "./params";
import { Scanner, TRAJECTORIES_PER_ITEM } from "./scan";
import { scoreItems, taskTable, type TTaskRow } from "./score";
import { buildTestIndex, type TTestIndex } from "./test-index";
import { trainingTurns } from "./training";

/** Trajectories per range: small enough that a crash loses little, big enough that claiming is cheap. */
export const RANGE_TRAJECTORIES = 500;
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

/** Creates a run and plans its ranges. Scope: review:write (a check labels trajectories, like a review does). */
export async function createRun(actor: TActor, testSet: string | number, input: Partial<TCheckParams> = {}): Promise<TRun> {
  assertCan(actor, "review:write");
  const params = checkParams(input);
  const set = await findTestSet(actor, testSet);
  if (!set) throw new NotFoundError(`no test set "${testSet}"`);
  const id = await withTransaction(async (client) => {
    const created = await client.query<{ id: number }>(
      `insert into contamination_runs (test_set_id, params, state, created_by_id) values ($1, $2, 'running', $3) returning id`,
      [set.id, JSON.stringify(params), actorId(actor)],
    );
    const runId = created.rows[0]!.id;
    const planned = await client.query<{ ranges: number; trajectories: number }>(
      `with b as (select id, (row_number() over (order by id) - 1) / ${RANGE_TRAJECTORIES} as bucket from trajectories),
            ins as (insert into contamination_run_ranges (run_id, from_id, to_id)
                    select $1, min(id), max(id) from b group by bucket returning 1)
       select (select count(*)::int from ins) as ranges, (select count(*)::int from trajectories) as trajectories`,
      [runId],
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
      const finished = await scanRange(index, run.params, runId, range);
      if (!finished) break; // cancelled
      run = await getRun(actor, runId);
      options.onProgress?.(run);
    }
    await finishRun(actor, runId, index);
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

/** Scans one range; false if the run was cancelled meanwhile (the range is left for nobody). */
async function scanRange(
  index: TTestIndex,
  params: TCheckParams,
  runId: number,
  range: { id: number; from_id: string; to_id: string; claimed_at: Date },
): Promise<boolean> {
  const scanner = new Scanner(index, params);
  const results: TCopyValue[][] = [];
  let current = -1;
  let bytes = 0;
  const close = () => {
    if (current === -1) return;
    const t = scanner.end();
    results.push([runId, t.trajectoryId, t.tokens, t.covered, t.rate, t.label, `{${t.items.join(",")}}`]);
  };
  for await (const batch of trainingTurns(pool(), Number(range.from_id), Number(range.to_id))) {
    for (const turn of batch) {
      if (turn.trajectoryId !== current) {
        close();
        current = turn.trajectoryId;
        scanner.begin(current);
      }
      bytes += Buffer.byteLength(turn.text);
      scanner.turn(turn.text);
    }
    const state = await pool().query<{ state: string }>(`select state from contamination_runs where id = $1`, [runId]);
    if (state.rows[0]?.state !== "running") return false;
  }
  close();
  const matched: number[] = [];
  for (let g = 0; g < scanner.matched.length; g++) if (scanner.matched[g]) matched.push(g);
  return withTransaction(async (client) => {
    const mine = await client.query(
      `update contamination_run_ranges set state = 'done', matched = $3 where id = $1 and state = 'running' and claimed_at = $2`,
      [range.id, range.claimed_at, matched],
    );
    if (!mine.rowCount) return true; // reclaimed by another worker: its result counts, not ours
    await client.query(`delete from contamination_trajectory_results where run_id = $1 and trajectory_id between $2 and $3`, [runId, range.from_id, range.to_id]);
    await copyRows(client, "contamination_trajectory_results", ["run_id", "trajectory_id", "tokens", "covered", "rate", "label", "items"], results);
    const trajectories = await client.query<{ n: number }>(`select count(*)::int as n from trajectories where id between $1 and $2`, [range.from_id, range.to_id]);
    await client.query(
      `update contamination_runs set done_ranges = done_ranges + 1, done_trajectories = done_trajectories + $2, bytes_scanned = bytes_scanned + $3 where id = $1`,
      [runId, trajectories.rows[0]!.n, bytes],
    );
    return true;
  });
}

/** Scores the items and labels the trajectories, once every range is done; a no-op for every other worker. */
async function finishRun(actor: TActor, runId: number, index: TTestIndex): Promise<void> {
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
    // The newest finished run labels the trajectories the table filters on.
    await client.query(`update trajectories set contamination_rate = null, contamination_label = null where contamination_label is not null`);
    await client.query(
      `update trajectories t set contamination_rate = r.rate, contamination_label = r.label
         from contamination_trajectory_results r where r.run_id = $1 and t.id = r.trajectory_id`,
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
