/**
 * Streaming record sources, one per container. Every source reads the file in
 * chunks and yields records one at a time, so memory stays bounded by the
 * largest single record, never by the file size.
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { JSONParser } from "@streamparser/json";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { FormatError } from "./errors";
import type { TContainer, TReadError, TReadOptions } from "./types";

/** One record as the container holds it, before any format mapping. */
export type TRawRecord = {
  line: number | null;
  record: number;
  /** The object key for keyed JSON objects (FireAct dataset index); else null. */
  key: string | null;
  value: unknown;
};

export type TContainerItem =
  | { kind: "record"; value: TRawRecord }
  | { kind: "error"; value: TReadError };

const CHUNK_BYTES = 1 << 20;

/** An error item. The message names the problem and the field; where it is
 *  (line or record) is in the item's own fields, not repeated in the text. */
export function containerError(line: number | null, record: number, message: string): TContainerItem {
  return { kind: "error", value: { line, record, message } };
}

/** Decoded text chunks of a file plus the running byte count. TextDecoder in
 *  stream mode joins multi-byte characters split across chunks and drops a
 *  leading BOM. */
export async function* textChunks(filePath: string): AsyncGenerator<{ text: string; bytesRead: number }> {
  const decoder = new TextDecoder("utf-8");
  let bytesRead = 0;
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
    const buf = chunk as Buffer;
    bytesRead += buf.length;
    yield { text: decoder.decode(buf, { stream: true }), bytesRead };
  }
  const tail = decoder.decode();
  yield { text: tail, bytesRead };
}

/** The lines of a file, 1-based, without their "\n" (a trailing "\r" is kept:
 *  JSON.parse ignores it as whitespace). Pieces of a long line are kept in an
 *  array so a huge line is joined once, not re-scanned per chunk. */
export async function* lines(
  filePath: string,
  options: TReadOptions = {},
): AsyncGenerator<{ line: number; text: string }> {
  let pieces: string[] = [];
  let line = 0;
  for await (const { text, bytesRead } of textChunks(filePath)) {
    let start = 0;
    let nl = text.indexOf("\n");
    while (nl !== -1) {
      pieces.push(text.slice(start, nl));
      line += 1;
      yield { line, text: pieces.join("") };
      pieces = [];
      start = nl + 1;
      nl = text.indexOf("\n", start);
    }
    if (start < text.length) pieces.push(text.slice(start));
    options.onProgress?.(bytesRead);
  }
  if (pieces.length > 0) {
    line += 1;
    yield { line, text: pieces.join("") };
  }
}

/** JSONL: one JSON value per non-blank line. A bad line becomes an error item
 *  and reading goes on with the next line. */
export async function* readJsonl(filePath: string, options: TReadOptions = {}): AsyncGenerator<TContainerItem> {
  let record = 0;
  for await (const { line, text } of lines(filePath, options)) {
    if (text.trim() === "") continue;
    record += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield containerError(line, record, `invalid JSON: ${(err as Error).message}`);
      continue;
    }
    yield { kind: "record", value: { line, record, key: null, value } };
  }
}

/** A JSON array ("$.*" with numeric keys), a keyed object ("$.*" with string
 *  keys) or a single top-level record ("$"), streamed with @streamparser/json.
 *  keepStack false drops each element once emitted, so memory stays flat.
 *  A syntax error cannot be resynchronised: it ends the stream with one error. */
export async function* readJsonStream(
  filePath: string,
  container: "json-array" | "json-object" | "json-record",
  options: TReadOptions = {},
): AsyncGenerator<TContainerItem> {
  const parser = new JSONParser({ paths: [container === "json-record" ? "$" : "$.*"], keepStack: false });
  const queue: Array<{ key: string | null; value: unknown }> = [];
  let failure: Error | null = null;
  parser.onValue = ({ key, value }) => {
    queue.push({ key: typeof key === "string" ? key : null, value });
  };
  parser.onError = (err) => {
    failure ??= err;
  };
  let record = 0;
  const fail = (err: Error) => containerError(null, record + 1, `invalid JSON: ${err.message}`);

  for await (const { text, bytesRead } of textChunks(filePath)) {
    if (text !== "" && failure === null) parser.write(text);
    for (const item of queue.splice(0)) {
      record += 1;
      yield { kind: "record", value: { line: null, record, key: item.key, value: item.value } };
    }
    if (failure !== null) {
      yield fail(failure);
      return;
    }
    options.onProgress?.(bytesRead);
  }
  if (!parser.isEnded) parser.end();
  for (const item of queue.splice(0)) {
    record += 1;
    yield { kind: "record", value: { line: null, record, key: item.key, value: item.value } };
  }
  if (failure !== null) yield fail(failure);
}

/** Parquet, one row group at a time: hyparquet fetches only that group's
 *  column chunks, so memory is bounded by the largest row group. */
export async function* readParquet(filePath: string, options: TReadOptions = {}): AsyncGenerator<TContainerItem> {
  const { file, metadata } = await openParquet(filePath, options.fileName);
  let rowStart = 0;
  let bytes = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, rowFormat: "object" });
    for (const [i, row] of rows.entries()) {
      yield { kind: "record", value: { line: null, record: rowStart + i + 1, key: null, value: plainValue(row) } };
    }
    rowStart = rowEnd;
    bytes = Math.min(file.byteLength, bytes + Number(group.total_compressed_size ?? group.total_byte_size));
    options.onProgress?.(bytes);
  }
  options.onProgress?.(file.byteLength);
}

/** A parquet file and its metadata. A file cut short (no footer) or whose footer
 *  does not parse is the user's file at fault: a FormatError naming it. */
export async function openParquet(filePath: string, fileName = path.basename(filePath)) {
  const file = await asyncBufferFromFile(filePath);
  const tail = file.byteLength >= 12 ? Buffer.from(await file.slice(file.byteLength - 4)).toString("latin1") : "";
  if (tail !== "PAR1") throw new FormatError(`${fileName}: not a parquet file: its footer is missing (is the file complete?)`);
  try {
    return { file, metadata: await parquetMetadataAsync(file) };
  } catch (error) {
    throw new FormatError(`${fileName}: not a parquet file: its footer cannot be read (${(error as Error).message})`);
  }
}

/** Parquet INT64 values arrive as bigint, which JSON cannot hold: turn them
 *  into numbers when exact, else strings, so metadata stays serialisable. */
function plainValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plainValue(v);
    return out;
  }
  return value;
}

export function readContainer(
  filePath: string,
  container: TContainer,
  options: TReadOptions = {},
): AsyncGenerator<TContainerItem> {
  switch (container) {
    case "jsonl":
      return readJsonl(filePath, options);
    case "parquet":
      return readParquet(filePath, options);
    default:
      return readJsonStream(filePath, container, options);
  }
}
