import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { columnsAs, type TPgRow, type TPlain } from "@/lib/db/row";
import type { Trajectory, TrajectoryContamination } from "@/lib/generated/prisma/client";
import { passesSql } from "@/lib/thresholds/passes-sql";
import { loadThresholdRules } from "@/lib/thresholds/rules";
import { labelOf } from "./contamination-label";
import { filterConditions, type TFilterContext, whereSql } from "./filters";
import { decodeCursor, encodeCursor, type TCursor } from "@/lib/db/cursor";
import { keysetCondition, orderBySql, SORT_COLUMNS } from "./keyset";
import { filterOf, type TTrajectoryQuery } from "./query";
import { instructionPreview, type TInstructionPreview } from "./instruction-preview";
import { readableText } from "./readable-text";

/** Characters of the instruction (or first turn) read per row: enough to reach past a preamble (mind2web's is a page of HTML before "Task:"). */
const PREVIEW_SOURCE_CHARS = 2000;
/** Characters of the preview sent to the table. */
const PREVIEW_CHARS = 240;

// Two lists around the label (read from its own table), so a row's keys keep their order.
const ROW_FIELDS = ["externalId", "datasetId", "task", "sourceModel", "reward", "status", "turnCount", "stepCount", "formatErrorCount"] as const;
const ROW_FIELDS_AFTER_LABEL = ["reviewCount", "lastReviewer", "thoughtRewritten", "updatedAt"] as const;
type TRowFields = Pick<Trajectory, "id" | "instruction" | (typeof ROW_FIELDS)[number] | (typeof ROW_FIELDS_AFTER_LABEL)[number]> & {
  /** The newest check's label; null when unchecked (lib/trajectories/contamination-label.ts). */
  contaminationLabel: TrajectoryContamination["label"] | null;
};

/**
 * A table row. `passes`: reaches its task's current threshold (lib/thresholds); null for general data, which is not filtered by reward.
 * `preview`: the instruction's own sentence, or the first human/assistant text when there is none.
 * `sample`: this row's number among the rows of its dataset sharing its external id (NAT samples one question several times).
 */
export type TTrajectoryRow = TPlain<TRowFields> & {
  dataset: string;
  passes: boolean | null;
  hasLoop: boolean;
  preview: TInstructionPreview;
  sample: { number: number; of: number };
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

type TDbRow = TPgRow<TRowFields> & {
  dataset: string;
  passes: boolean | null;
  hasLoop: boolean;
  firstRole: string | null;
  firstText: string | null;
  sampleNumber: number;
  sampleOf: number;
};

/** Rows of the same dataset and external id, on the (dataset_id, external_id) index: a page is at most a few hundred look-ups. */
const SAME_ID = "from trajectories s where s.dataset_id = t.dataset_id and s.external_id = t.external_id";
/** The first human or assistant turn of a row without an instruction, on the turns' (trajectory_id, index) key. */
const FIRST_TEXT_TURN = `from turns u where t.instruction = '' and u.trajectory_id = t.id and u.role in ('user', 'assistant') order by u.index limit 1`;

const ROW_COLUMNS = `t.id::text, ${columnsAs("t", ROW_FIELDS)}, ${labelOf("t")} as "contaminationLabel",
  ${columnsAs("t", ROW_FIELDS_AFTER_LABEL)}, d.name as dataset, t.loop_start_turn is not null as "hasLoop",
  left(t.instruction, ${PREVIEW_SOURCE_CHARS}) as instruction,
  (select u.role::text ${FIRST_TEXT_TURN}) as "firstRole",
  (select left(u.raw_text, ${PREVIEW_SOURCE_CHARS}) ${FIRST_TEXT_TURN}) as "firstText",
  (select count(*)::int ${SAME_ID} and s.id <= t.id) as "sampleNumber",
  (select count(*)::int ${SAME_ID}) as "sampleOf"`;

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

function toRow({ sort_value: _sortValue, instruction, firstRole, firstText, sampleNumber, sampleOf, ...row }: TDbRow & { sort_value: string | null }): TTrajectoryRow {
  const firstTurn = firstRole !== null && firstText !== null ? { role: firstRole, text: readableText(firstText) } : null;
  return {
    ...row,
    instruction: instruction.slice(0, PREVIEW_CHARS),
    updatedAt: row.updatedAt.toISOString(),
    preview: clipPreview(instructionPreview(instruction, firstTurn)),
    sample: { number: sampleNumber, of: sampleOf },
  };
}

function clipPreview(preview: TInstructionPreview): TInstructionPreview {
  return { ...preview, text: preview.text.slice(0, PREVIEW_CHARS) };
}
