// Database access and secrets stay on the server: a client component importing this fails the build.
import "server-only";
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

const CHUNK_CHARS = 1 << 18;

/** One row as a line of COPY's text format. */
export function copyLine(row: readonly TCopyValue[]): string {
  return `${row.map(copyField).join("\t")}\n`;
}

/** COPYs rows into `table (columns)` in one round trip, sent in ~256 KB chunks (one socket write per row is slow). */
export async function copyRows(client: pg.PoolClient, table: string, columns: string[], rows: TCopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  // Escaped chunk by chunk as the COPY streams: a large result is never held twice.
  await copyLines(client, table, columns, (function* () {
    for (const row of rows) yield copyLine(row);
  })());
}

/** COPYs ready lines of COPY text (copyLine's, each with its newline), for a caller that built them ahead of the COPY. */
export async function copyLines(client: pg.PoolClient, table: string, columns: string[], lines: Iterable<string>): Promise<void> {
  const sql = `copy ${table} (${columns.join(", ")}) from stdin`;
  const chunks = (function* () {
    let chunk = "";
    for (const line of lines) {
      chunk += line;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  })();
  await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
}
