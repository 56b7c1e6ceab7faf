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
import { heldBytes, invalidUtf8Message, scanUtf8 } from "./utf8";

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
 *  leading BOM. Fatal (the default) for what is stored: the first invalid
 *  sequence ends the text with `invalidAt`, its byte offset, and the text
 *  before it; `fatal: false` (sniffing) replaces bad bytes with U+FFFD. */
export async function* textChunks(
  filePath: string,
  options: { fatal?: boolean } = {},
): AsyncGenerator<{ text: string; bytesRead: number; invalidAt?: number }> {
  const fatal = options.fatal ?? true;
  const decoder = new TextDecoder("utf-8", { fatal });
  let bytesRead = 0;
  let held: Buffer = EMPTY;
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
    const buf = chunk as Buffer;
    try {
      const text = decoder.decode(buf, { stream: true });
      bytesRead += buf.length;
      if (fatal) held = heldTail(held, buf);
      yield { text, bytesRead };
    } catch {
      const bytes = Buffer.concat([held, buf]);
      const base = bytesRead - held.length;
      const bad = scanUtf8(bytes, base === 0 ? bomLength(bytes) : 0).invalidAt;
      yield { text: bad > 0 ? LOOSE.decode(bytes.subarray(base === 0 ? bomLength(bytes) : 0, bad)) : "", bytesRead, invalidAt: base + bad };
      return;
    }
  }
  try {
    yield { text: decoder.decode(), bytesRead };
  } catch {
    yield { text: "", bytesRead, invalidAt: bytesRead - held.length };
  }
}

const EMPTY = Buffer.alloc(0);
/** Decodes bytes already known to be valid (no BOM stripping: they are mid-file). */
const LOOSE = new TextDecoder("utf-8", { ignoreBOM: true });
const bomLength = (bytes: Buffer) => (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);

/** The bytes a stream decoder still holds after `buf` (an unfinished character), ready to be rescanned. */
function heldTail(held: Buffer, buf: Buffer): Buffer {
  const tail = buf.length >= 3 ? buf.subarray(buf.length - 3) : Buffer.concat([held, buf]);
  const n = heldBytes(tail);
  return n === 0 ? EMPTY : Buffer.from(tail.subarray(tail.length - n));
}

export type TLine = { line: number; text: string; invalidAt: null } | { line: number; text: null; invalidAt: number };

/** The lines of a file, 1-based, without their "\n" (a trailing "\r" is kept:
 *  JSON.parse ignores it as whitespace). Pieces of a long line are kept in an
 *  array so a huge line is joined once, not re-scanned per chunk. A line with
 *  invalid UTF-8 comes with the byte offset of its first invalid sequence and
 *  no text; the fast path decodes each chunk once, and only a chunk the fatal
 *  decoder refuses is split into lines as bytes and scanned. */
export async function* lines(filePath: string, options: TReadOptions = {}): AsyncGenerator<TLine> {
  let decoder = new TextDecoder("utf-8", { fatal: true });
  let pieces: string[] = [];
  let badAt: number | null = null;
  let line = 0;
  let offset = 0;
  let held: Buffer = EMPTY;
  const endLine = (): TLine => {
    line += 1;
    const done: TLine = badAt === null ? { line, text: pieces.join(""), invalidAt: null } : { line, text: null, invalidAt: badAt };
    pieces = [];
    badAt = null;
    return done;
  };

  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
    const buf = chunk as Buffer;
    let text: string | null = null;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      // handled below, byte by byte
    }
    if (text !== null) {
      let start = 0;
      let nl = text.indexOf("\n");
      while (nl !== -1) {
        if (badAt === null) pieces.push(text.slice(start, nl));
        yield endLine();
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      if (start < text.length && badAt === null) pieces.push(text.slice(start));
      held = heldTail(held, buf);
    } else {
      const bytes = Buffer.concat([held, buf]);
      const base = offset - held.length;
      let from = base === 0 ? bomLength(bytes) : 0;
      for (;;) {
        const nl = bytes.indexOf(0x0a, from);
        const to = nl === -1 ? bytes.length : nl;
        const scan = scanUtf8(bytes, from, to);
        if (badAt === null && scan.invalidAt !== -1) badAt = base + scan.invalidAt;
        if (nl === -1) {
          // the line goes on in the next chunk; an unfinished character waits for its last bytes there
          const keep = scan.invalidAt === -1 && scan.incompleteAt !== -1 ? scan.incompleteAt : to;
          if (badAt === null) pieces.push(LOOSE.decode(bytes.subarray(from, keep)));
          held = Buffer.from(bytes.subarray(keep));
          break;
        }
        if (badAt === null && scan.incompleteAt !== -1) badAt = base + scan.incompleteAt; // a character cut by the newline
        if (badAt === null) pieces.push(LOOSE.decode(bytes.subarray(from, to)));
        yield endLine();
        from = nl + 1;
      }
      decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
      decoder.decode(held, { stream: true });
    }
    offset += buf.length;
    options.onProgress?.(offset);
  }
  try {
    const tail = decoder.decode();
    if (badAt === null && tail !== "") pieces.push(tail);
  } catch {
    badAt ??= offset - held.length;
  }
  if (pieces.length > 0 || badAt !== null) yield endLine();
}

/** JSONL: one JSON value per non-blank line. A bad line becomes an error item
 *  and reading goes on with the next line. */
export async function* readJsonl(filePath: string, options: TReadOptions = {}): AsyncGenerator<TContainerItem> {
  let record = 0;
  for await (const { line, text, invalidAt } of lines(filePath, options)) {
    if (text === null) {
      yield containerError(line, ++record, invalidUtf8Message(invalidAt));
      continue;
    }
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

  for await (const { text, bytesRead, invalidAt } of textChunks(filePath)) {
    if (text !== "" && failure === null) parser.write(text);
    for (const item of queue.splice(0)) {
      record += 1;
      yield { kind: "record", value: { line: null, record, key: item.key, value: item.value } };
    }
    if (failure !== null) {
      yield fail(failure);
      return;
    }
    if (invalidAt !== undefined) {
      // like a syntax error, this cannot be resynchronised: one error, with the line as well (there is no record boundary to name)
      yield containerError(await lineOfOffset(filePath, invalidAt), record + 1, invalidUtf8Message(invalidAt));
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

/** The 1-based line holding byte `offset` (only on the error path: reads the file up to it once more). */
async function lineOfOffset(filePath: string, offset: number): Promise<number> {
  let line = 1;
  if (offset === 0) return line;
  for await (const chunk of createReadStream(filePath, { start: 0, end: offset - 1, highWaterMark: CHUNK_BYTES })) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) line++;
  }
  return line;
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
