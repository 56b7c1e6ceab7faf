import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type TCopyValue = string | number | boolean | bigint | null;

/** Escapes one value for COPY's text format (\N is NULL). */
export function copyField(value: TCopyValue): string {
  if (value === null) return "\\N";
  if (typeof value !== "string") return String(value);
  return value.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"));
}

/** COPYs rows into `table (columns)` in one round trip. */
export async function copyRows(client: pg.PoolClient, table: string, columns: string[], rows: TCopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const sql = `copy ${table} (${columns.join(", ")}) from stdin`;
  const lines = (function* () {
    for (const row of rows) yield `${row.map(copyField).join("\t")}\n`;
  })();
  await pipeline(Readable.from(lines), client.query(copyFrom(sql)));
}
