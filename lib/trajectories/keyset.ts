import type { TCursor } from "@/lib/db/cursor";
import type { SqlParams } from "@/lib/db/params";
import type { TSortKey } from "./query";

type TSortColumn = { sql: string; cast: string; nullable: boolean };

/** Sort keys → columns (whitelist). Each has a (column, id) index. */
export const SORT_COLUMNS: Record<TSortKey, TSortColumn> = {
  id: { sql: "t.id", cast: "::bigint", nullable: false },
  task: { sql: "t.task", cast: "::text", nullable: false },
  dataset: { sql: "t.dataset_id", cast: "::int", nullable: false },
  model: { sql: "t.source_model", cast: "::text", nullable: true },
  reward: { sql: "t.reward", cast: "::float8", nullable: true },
  status: { sql: "t.status", cast: '::"TrajectoryStatus"', nullable: false },
  turns: { sql: "t.turn_count", cast: "::int", nullable: false },
  formatErrors: { sql: "t.format_error_count", cast: "::int", nullable: false },
  updated: { sql: "t.updated_at", cast: "::timestamptz", nullable: false },
};

/**
 * ORDER BY for walking `(column, id)` in `direction`. A missing value counts as
 * the lowest (first ascending, last descending: "reward, high to low" starts
 * with the best). The nullable columns' indexes are built NULLS FIRST
 * (migration browse_speed), so one index serves both directions.
 */
export function orderBySql(column: TSortColumn, direction: "asc" | "desc"): string {
  const nulls = column.nullable ? (direction === "asc" ? " nulls first" : " nulls last") : "";
  return `${column.sql} ${direction}${nulls}, t.id ${direction}`;
}

/** Rows strictly after `cursor` when walking the order of `orderBySql(column, direction)`. */
export function keysetCondition(column: TSortColumn, direction: "asc" | "desc", cursor: TCursor, params: SqlParams): string {
  const op = direction === "asc" ? ">" : "<";
  const id = params.add(cursor.id, "::bigint");
  if (cursor.v === null) {
    // In the null block rows go by id alone; ascending, every non-null row still follows.
    return direction === "asc"
      ? `((${column.sql} is null and t.id > ${id}) or ${column.sql} is not null)`
      : `(${column.sql} is null and t.id < ${id})`;
  }
  const value = params.add(cursor.v, column.cast);
  const after = `(${column.sql}, t.id) ${op} (${value}, ${id})`;
  return column.nullable && direction === "desc" ? `(${after} or ${column.sql} is null)` : after;
}
