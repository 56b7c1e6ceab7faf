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

/** COPYs rows into `table (columns)` in one round trip, sent in ~256 KB chunks (one socket write per row is slow). */
export async function copyRows(client: pg.PoolClient, table: string, columns: string[], rows: TCopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const sql = `copy ${table} (${columns.join(", ")}) from stdin`;
  const chunks = (function* () {
    let chunk = "";
    for (const row of rows) {
      chunk += `${row.map(copyField).join("\t")}\n`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  })();
  await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
}
