import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { passesSql } from "@/lib/thresholds/passes-sql";
import { loadThresholdRules } from "@/lib/thresholds/rules";
import { filterConditions, type TFilterContext, whereSql } from "./filters";
import { decodeCursor, encodeCursor, type TCursor } from "@/lib/db/cursor";
import { keysetCondition, orderBySql, SORT_COLUMNS } from "./keyset";
import { filterOf, type TTrajectoryQuery } from "./query";

export type TTrajectoryRow = {
  id: string;
  externalId: string;
  datasetId: number;
  dataset: string;
  task: string;
  sourceModel: string | null;
  reward: number | null;
  /** Reaches its task's current threshold (lib/thresholds); null for general data, which is not filtered by reward. */
  passes: boolean | null;
  status: "pending" | "accepted" | "rejected";
  turnCount: number;
  stepCount: number;
  formatErrorCount: number;
  hasLoop: boolean;
  contaminationLabel: string | null;
  reviewCount: number;
  lastReviewer: string | null;
  thoughtRewritten: boolean;
  updatedAt: string;
  instruction: string;
};

export type TTrajectoryPage = {
  rows: TTrajectoryRow[];
  /** Cursors for the next and previous pages; null at either end. */
  next: string | null;
  previous: string | null;
  total: TTotal;
};

/** Exact below EXACT_COUNT_LIMIT rows; above it, the planner's estimate (and says so). */
export type TTotal = { value: number; estimated: boolean };
const EXACT_COUNT_LIMIT = 10_000;
/** Counting is skipped when the planner already expects this many matches. */
const ESTIMATE_TRUSTED_ABOVE = 5 * EXACT_COUNT_LIMIT;

type TDbRow = {
  id: string; external_id: string; dataset_id: number; dataset: string; task: string; source_model: string | null;
  reward: number | null; passes: boolean | null; status: TTrajectoryRow["status"]; turn_count: number; step_count: number;
  format_error_count: number; has_loop: boolean; contamination_label: string | null; review_count: number;
  last_reviewer: string | null; thought_rewritten: boolean; updated_at: Date; instruction: string;
};

const ROW_COLUMNS = `t.id::text, t.external_id, t.dataset_id, d.name as dataset, t.task, t.source_model, t.reward, t.status,
  t.turn_count, t.step_count, t.format_error_count, t.loop_start_turn is not null as has_loop, t.contamination_label,
  t.review_count, t.last_reviewer, t.thought_rewritten, t.updated_at, left(t.instruction, 240) as instruction`;

/** The row columns plus "passes", with the thresholds of this request as parameters. */
function rowColumns(context: TFilterContext) {
  return (params: SqlParams) => `${ROW_COLUMNS}, case when d.kind = 'agent' then ${passesSql(params, context.thresholds)} end as passes`;
}

/** One page of the table: filtered, sorted and keyset-paginated in SQL. */
export async function listTrajectories(actor: TActor, query: TTrajectoryQuery): Promise<TTrajectoryPage> {
  assertCan(actor, "trajectories:read");
  // Read once: the "passes" column and filter of this page follow the same thresholds.
  const context: TFilterContext = { thresholds: await loadThresholdRules() };
  const backward = query.before !== undefined;
  const cursor = decodeCursor((backward ? query.before : query.after) ?? "");
  const fetched = await walk<TDbRow>(query, context, cursor, backward ? "backward" : "forward", query.size + 1, rowColumns(context));
  const more = fetched.length > query.size;
  const rows = fetched.slice(0, query.size);
  if (backward) rows.reverse();

  const first = rows[0];
  const last = rows.at(-1);
  const [hasPrevious, total] = await Promise.all([
    backward ? more : cursor !== null && first !== undefined && (await walk(query, context, cursorOf(first), "backward", 1)).length > 0,
    countMatching(query, context),
  ]);
  const hasNext = backward ? true : more;
  return {
    rows: rows.map(toRow),
    next: hasNext && last ? encodeCursor(cursorOf(last)) : null,
    previous: hasPrevious && first ? encodeCursor(cursorOf(first)) : null,
    total,
  };
}

/**
 * Rows of the filter strictly after `cursor` in the table's order (forward) or
 * strictly before it (backward: the opposite order, nearest first).
 */
async function walk<T extends { id: string }>(
  query: TTrajectoryQuery,
  context: TFilterContext,
  cursor: TCursor | null,
  way: "forward" | "backward",
  limit: number,
  columnsOf: (params: SqlParams) => string = () => "t.id::text",
): Promise<(T & { sort_value: string | null })[]> {
  const column = SORT_COLUMNS[query.sort];
  const direction = way === "forward" ? query.dir : query.dir === "asc" ? "desc" : "asc";
  const params = new SqlParams();
  const columns = columnsOf(params);
  const conditions = filterConditions(filterOf(query), params, undefined, context);
  if (cursor) conditions.push(keysetCondition(column, direction, cursor, params));
  const result = await pool().query<T & { sort_value: string | null }>(
    `select ${columns}, (${column.sql})::text as sort_value
       from trajectories t join datasets d on d.id = t.dataset_id
       ${whereSql(conditions)}
      order by ${orderBySql(column, direction)}
      limit ${limit}`,
    params.values,
  );
  return result.rows;
}

function cursorOf(row: { id: string; sort_value: string | null }): TCursor {
  return { v: row.sort_value, id: row.id };
}

/** The neighbours of one trajectory in the table's order: next/previous in the replay. */
export async function neighbours(actor: TActor, query: TTrajectoryQuery, id: string): Promise<{ previous: string | null; next: string | null }> {
  assertCan(actor, "trajectories:read");
  const column = SORT_COLUMNS[query.sort];
  const own = await pool().query<{ v: string | null }>(`select (${column.sql})::text as v from trajectories t where t.id = $1`, [id]);
  if (!own.rows[0]) return { previous: null, next: null };
  const cursor = { v: own.rows[0].v, id };
  const context: TFilterContext = { thresholds: query.passes ? await loadThresholdRules() : null };
  const [next, previous] = await Promise.all([walk(query, context, cursor, "forward", 1), walk(query, context, cursor, "backward", 1)]);
  return { next: next[0]?.id ?? null, previous: previous[0]?.id ?? null };
}

/**
 * How many trajectories match the filter. The planner's estimate comes first
 * (a fraction of a millisecond); only when it is small enough to matter is the
 * count made, and then exactly up to EXACT_COUNT_LIMIT rows. Counting a
 * selective filter exactly on a million rows would read the whole table.
 */
async function countMatching(query: TTrajectoryQuery, context: TFilterContext): Promise<TTotal> {
  const params = new SqlParams();
  const where = whereSql(filterConditions(filterOf(query), params, undefined, context));
  const plan = await pool().query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    `explain (format json) select 1 from trajectories t ${where}`,
    params.values,
  );
  const estimate = Math.round(plan.rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
  if (estimate > ESTIMATE_TRUSTED_ABOVE) return { value: estimate, estimated: true };
  const exact = await pool().query<{ n: number }>(
    `select count(*)::int as n from (select 1 from trajectories t ${where} limit ${EXACT_COUNT_LIMIT + 1}) s`,
    params.values,
  );
  const counted = exact.rows[0]?.n ?? 0;
  if (counted <= EXACT_COUNT_LIMIT) return { value: counted, estimated: false };
  return { value: Math.max(estimate, counted), estimated: true };
}

function toRow(row: TDbRow): TTrajectoryRow {
  return {
    id: row.id,
    externalId: row.external_id,
    datasetId: row.dataset_id,
    dataset: row.dataset,
    task: row.task,
    sourceModel: row.source_model,
    reward: row.reward,
    passes: row.passes,
    status: row.status,
    turnCount: row.turn_count,
    stepCount: row.step_count,
    formatErrorCount: row.format_error_count,
    hasLoop: row.has_loop,
    contaminationLabel: row.contamination_label,
    reviewCount: row.review_count,
    lastReviewer: row.last_reviewer,
    thoughtRewritten: row.thought_rewritten,
    updatedAt: row.updated_at.toISOString(),
    instruction: row.instruction,
  };
}
