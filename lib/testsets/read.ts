/**
 * Test set records from JSON, JSONL, CSV or parquet, streamed (the container
 * readers of lib/formats plus csv-parse), and the text of an item from the
 * fields the user chose: test sets keep the question under varying keys
 * (FORMATS.md), or as a bare string in an array.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse";
import { readContainer } from "@/lib/formats/containers";
import { isPlainObject } from "@/lib/formats/sniff";
import type { TContainer } from "@/lib/formats/types";
import { UserFacingError } from "@/lib/errors";
import { MAX_NESTING, nestedDeeperThan } from "./nesting";

/** The pseudo-field naming a record that is itself a string. */
export const WHOLE_RECORD = "(value)";

export type TTestRecord = { record: number; key: string | null; value: unknown };

async function firstByte(filePath: string): Promise<string> {
  const fh = await open(filePath, "r");
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await fh.read(buf, 0, 64, 0);
    return buf.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "").trimStart().charAt(0);
  } finally {
    await fh.close();
  }
}

export async function* readTestRecords(filePath: string, fileName = path.basename(filePath)): AsyncGenerator<TTestRecord> {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".csv") {
    let record = 0;
    const parser = createReadStream(filePath).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }));
    for await (const row of parser) yield { record: ++record, key: null, value: row as unknown };
    return;
  }
  const container = ext === ".parquet" ? "parquet" : ext === ".jsonl" || ext === ".ndjson" ? "jsonl" : (await firstByte(filePath)) === "{" ? "json-object" : "json-array";
  const records = containerRecords(filePath, fileName, container);
  yield* container === "json-object" ? objectRecords(records) : records;
}

async function* containerRecords(filePath: string, fileName: string, container: TContainer): AsyncGenerator<TTestRecord> {
  for await (const item of readContainer(filePath, container, { fileName })) {
    if (item.kind === "error") {
      const where = item.value.line !== null ? `line ${item.value.line}` : `record ${item.value.record}`;
      throw new UserFacingError(`${fileName}: ${where}: ${item.value.message}`);
    }
    if (nestedDeeperThan(item.value.value, MAX_NESTING)) throw new UserFacingError(`${fileName}: record ${item.value.record}: nested deeper than ${MAX_NESTING} levels (the limit for a test set record)`);
    yield { record: item.value.record, key: item.value.key, value: item.value.value };
  }
}

/**
 * A file holding one JSON object: a map of id -> record when every value is a
 * record (an object), else one record (an AgentBench OS task: its description
 * beside `create`/`evaluation` objects and a `start` command). Deciding needs
 * every value, so the object is held in memory: test sets are small (the
 * check holds all their items in memory anyway).
 */
async function* objectRecords(entries: AsyncGenerator<TTestRecord>): AsyncGenerator<TTestRecord> {
  const held: TTestRecord[] = [];
  for await (const entry of entries) held.push(entry);
  if (held.length > 0 && held.every((e) => isPlainObject(e.value))) {
    yield* held;
    return;
  }
  yield { record: 1, key: null, value: Object.fromEntries(held.map((e) => [e.key, e.value])) };
}

/** The question text from the chosen fields (joined by a blank line), or the record itself if it is a string. */
export function itemText(value: unknown, fields: readonly string[]): string {
  if (typeof value === "string") return value;
  if (!value || typeof value !== "object") return "";
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const f of fields) {
    const v = f === WHOLE_RECORD ? null : record[f];
    if (typeof v === "string") parts.push(v);
    else if (typeof v === "number") parts.push(String(v));
  }
  return parts.join("\n\n");
}

export function itemId(value: unknown, key: string | null, record: number): string {
  if (value && typeof value === "object") {
    const r = value as Record<string, unknown>;
    for (const k of ["id", "item_id", "task_id", "qid", "_id"]) {
      const v = r[k];
      if (typeof v === "string" || typeof v === "number") return String(v);
    }
  }
  return key ?? String(record);
}

export function itemTask(value: unknown, fallback: string): string {
  if (value && typeof value === "object") {
    const t = (value as Record<string, unknown>).task;
    if (typeof t === "string" && t.trim()) return t.trim();
  }
  return fallback;
}

export type TTestSetPreview = {
  records: { id: string; value: unknown }[];
  /** Keys holding text in the sampled records, most common first, with how many records hold each. */
  fields: { name: string; count: number; sample: string }[];
  /** The fields pre-selected: the first known question key present. */
  suggested: string[];
};

const KNOWN_FIELDS = ["question", "description", "instruction", "goal", "prompt", "query", "input", "text", "problem"];

export async function previewTestRecords(filePath: string, fileName?: string, sample = 50): Promise<TTestSetPreview> {
  const records: { id: string; value: unknown }[] = [];
  const counts = new Map<string, { count: number; sample: string }>();
  for await (const r of readTestRecords(filePath, fileName)) {
    if (records.length < 5) records.push({ id: itemId(r.value, r.key, r.record), value: r.value });
    if (typeof r.value === "string") bump(counts, WHOLE_RECORD, r.value);
    else if (r.value && typeof r.value === "object") {
      for (const [k, v] of Object.entries(r.value as Record<string, unknown>)) if (typeof v === "string" && v.trim()) bump(counts, k, v);
    }
    if (r.record >= sample) break;
  }
  const fields = [...counts.entries()]
    .map(([name, c]) => ({ name, count: c.count, sample: c.sample.slice(0, 160) }))
    .sort((a, b) => b.count - a.count || b.sample.length - a.sample.length);
  const known = KNOWN_FIELDS.find((k) => counts.has(k));
  const suggested = counts.has(WHOLE_RECORD) ? [WHOLE_RECORD] : known ? [known] : fields.slice(0, 1).map((f) => f.name);
  return { records, fields, suggested };
}

function bump(counts: Map<string, { count: number; sample: string }>, key: string, value: string) {
  const c = counts.get(key);
  if (c) c.count++;
  else counts.set(key, { count: 1, sample: value });
}
