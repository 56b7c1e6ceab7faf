/**
 * Container detection from content (not the extension): parquet by its magic
 * bytes, then JSON array / JSONL / keyed object / single record from the first
 * non-space character and whether the first line is a complete JSON value.
 */
import { FormatError } from "./errors";
import { open } from "node:fs/promises";
import path from "node:path";
import { parquetReadObjects } from "hyparquet";
import { openParquet, readJsonStream, textChunks } from "./containers";
import type { TContainer, THead } from "./types";

/** How much text is looked at to tell JSONL from a pretty-printed object. A
 *  first line longer than this is read as a (one-line) JSON object. */
const HEAD_CHARS = 16 << 20;
/** Lines looked at for a complete JSON object (JSONL whose first line is bad). */
const HEAD_LINES = 5;
/** Keys that mark an object as a trajectory record, not a container of them. */
const RECORD_KEYS = ["conversations", "messages", "traj", "traj_by_line", "output", "history", "trajectory"];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `fileName` is the name the user knows the file by (uploads live under a temporary name). */
export async function readHead(filePath: string, fileName = path.basename(filePath)): Promise<THead> {
  if (await hasParquetMagic(filePath)) {
    const { file, metadata } = await openParquet(filePath, fileName);
    const rows = await parquetReadObjects({ file, metadata, rowStart: 0, rowEnd: 1, rowFormat: "object" });
    return { fileName, container: "parquet", firstRecord: objectOrNull(rows[0]) };
  }
  const head = await headText(filePath);
  const first = head.trimStart()[0];
  if (first === undefined) throw new FormatError(`${fileName} is empty`);
  if (first === "[") return { fileName, container: "json-array", firstRecord: await firstStreamed(filePath, "json-array") };
  if (first !== "{") throw new FormatError(`cannot detect the format of ${fileName}: it is not JSON, JSON Lines or parquet`);

  const jsonlFirst = firstJsonlRecord(head);
  if (jsonlFirst !== undefined && !looksKeyed(jsonlFirst)) {
    return { fileName, container: "jsonl", firstRecord: objectOrNull(jsonlFirst) };
  }
  const container = await objectContainer(filePath);
  return { fileName, container, firstRecord: await firstStreamed(filePath, container) };
}

async function hasParquetMagic(filePath: string): Promise<boolean> {
  const handle = await open(filePath, "r");
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buf, 0, 4, 0);
    return bytesRead === 4 && buf.toString("latin1") === "PAR1";
  } finally {
    await handle.close();
  }
}

/** The start of the file: enough to see the first character and the first
 *  few lines, capped at HEAD_CHARS. */
async function headText(filePath: string): Promise<string> {
  let head = "";
  // Sniffing only: bad bytes are reported by the reader, with their line.
  for await (const { text } of textChunks(filePath, { fatal: false })) {
    head += text;
    const start = head.trimStart();
    if (start.startsWith("[") || head.length >= HEAD_CHARS) break;
    if (start !== "" && start.split("\n", HEAD_LINES + 1).length > HEAD_LINES) break;
  }
  return head;
}

/** The first record of a JSONL file: the first complete line that parses as a
 *  JSON object. A broken first line is tolerated when one of the next few
 *  lines parses (JSONL whose line 1 is bad); a pretty-printed object has no
 *  such line at column 0. undefined: not JSONL. */
function firstJsonlRecord(head: string): unknown {
  const complete = head.slice(0, head.lastIndexOf("\n") + 1).split("\n");
  const candidates = complete.filter((l) => l.trim() !== "").slice(0, HEAD_LINES);
  for (const [i, text] of candidates.entries()) {
    if (i > 0 && !text.startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (isPlainObject(value)) return value;
    } catch {
      // a pretty-printed object's first line ("{") lands here too
    }
  }
  return undefined;
}

/** `{"0": {...}, "1": {...}}` on one line: a keyed container, not a record. */
function looksKeyed(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => /^\d+$/.test(k) && isPlainObject(v));
}

/** Keyed object (FireAct) or one record per file (ETO): look at the first
 *  property. A numeric key, or a value that is itself a record, means keyed. */
async function objectContainer(filePath: string): Promise<"json-object" | "json-record"> {
  for await (const item of readJsonStream(filePath, "json-object")) {
    if (item.kind === "error") return "json-record";
    const { key, value } = item.value;
    const keyed = /^\d+$/.test(key ?? "") || (isPlainObject(value) && RECORD_KEYS.some((k) => k in value));
    return keyed ? "json-object" : "json-record";
  }
  return "json-record";
}

async function firstStreamed(filePath: string, container: TContainer): Promise<Record<string, unknown> | null> {
  if (container === "jsonl" || container === "parquet") return null;
  for await (const item of readJsonStream(filePath, container)) {
    return item.kind === "record" ? objectOrNull(item.value.value) : null;
  }
  return null;
}

function objectOrNull(value: unknown): Record<string, unknown> | null {
  return isPlainObject(value) ? value : null;
}
