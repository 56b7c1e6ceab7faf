/**
 * Format detection and the single entry point the importer calls.
 */
import path from "node:path";
import { agentbench } from "./agentbench";
import { agentinstruct, sharegpt } from "./agentinstruct";
import { alpaca } from "./alpaca";
import { anthropic } from "./anthropic";
import { fireact } from "./fireact";
import { openai } from "./openai";
import { sharegptTools } from "./sharegpt-tools";
import { sweagent } from "./sweagent";
import { FormatError } from "./errors";
import { readContainer } from "./containers";
import { mapRecord, readMapped, type TFormatModule } from "./record";
import { isPlainObject, readHead } from "./sniff";
import type { FormatReader, TContainer, TFormatName, THead, TReadItem, TReadOptions } from "./types";

/** In detection order: the most specific shapes first (Anthropic before OpenAI: both hold `messages`;
 *  ShareGPT tool rows before the other `conversations` readers). */
const MODULES: readonly TFormatModule[] = [
  agentbench,
  sweagent,
  anthropic,
  openai,
  fireact,
  sharegptTools,
  agentinstruct,
  sharegpt,
  alpaca,
];

export const FORMAT_NAMES: readonly TFormatName[] = MODULES.map((m) => m.name);

export function isFormatName(name: string): name is TFormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

function moduleFor(format: TFormatName): TFormatModule {
  const found = MODULES.find((m) => m.name === format);
  if (!found) throw new FormatError(`unknown format "${format}"; known: ${FORMAT_NAMES.join(", ")}`);
  return found;
}

export function readerFor(format: TFormatName): FormatReader {
  return moduleFor(format);
}

/** The format whose detect() accepts the head, or null. */
export function formatFromHead(head: THead): TFormatName | null {
  return MODULES.find((m) => m.detect(head))?.name ?? null;
}

function detectionError(fileName: string, head: THead): Error {
  const what =
    head.firstRecord === null
      ? "the first record is missing or not a JSON object"
      : `the first record has keys ${Object.keys(head.firstRecord).join(", ") || "(none)"}`;
  return new FormatError(`cannot detect the format of ${fileName}: ${what}; pass --format`);
}

export type TDetected = { format: TFormatName; container: TContainer };

/** Container and format of a file, from its content. With a format given
 *  (--format), only the container is sniffed. Throws a message naming the
 *  first record's keys when no format matches. */
export async function detectFormat(
  filePath: string,
  format: TFormatName | "auto" = "auto",
  displayName = path.basename(filePath),
): Promise<TDetected> {
  const head = await readHead(filePath, displayName);
  const found = format === "auto" ? formatFromHead(head) : format;
  if (found === null) throw detectionError(displayName, head);
  return { format: found, container: head.container };
}

/** Streams a file whose format and container detectFormat found: trajectories
 *  and per-record errors, in file order. */
export function readTrajectories(
  filePath: string,
  detected: TDetected,
  options: TReadOptions = {},
): AsyncIterable<TReadItem> {
  return readMapped(filePath, detected.container, moduleFor(detected.format).map, options);
}

/** detectFormat + readTrajectories in one call. */
export async function openTrajectories(
  filePath: string,
  options: TReadOptions & { format?: TFormatName | "auto" } = {},
): Promise<TDetected & { items: AsyncIterable<TReadItem> }> {
  const { format = "auto", ...readOptions } = options;
  const detected = await detectFormat(filePath, format);
  return { ...detected, items: readTrajectories(filePath, detected, readOptions) };
}

/** One JSON Lines record with the format it was read as (null when none matched or the line is broken). */
export type TLineItem = { item: TReadItem; format: TFormatName | null };

/**
 * Streams JSON Lines whose records need not share a format (live ingestion: a
 * collector may push runs of several agents). Each record's format is detected
 * from the record itself, with the same detectors detectFormat applies to a
 * file's first record, then mapped by that format's reader; `format` forces one.
 */
export async function* readJsonlRecords(filePath: string, format: TFormatName | "auto", options: TReadOptions = {}): AsyncGenerator<TLineItem> {
  const fileName = options.fileName ?? path.basename(filePath);
  for await (const item of readContainer(filePath, "jsonl", options)) {
    if (item.kind === "error") {
      yield { item, format: null };
      continue;
    }
    const raw = item.value;
    const record = isPlainObject(raw.value) ? raw.value : null;
    const found = format !== "auto" ? format : record && formatFromHead({ fileName, container: "jsonl", firstRecord: record });
    if (!found) {
      const keys = record ? `its keys are ${Object.keys(record).join(", ") || "(none)"}` : "it is not a JSON object";
      yield { item: { kind: "error", value: { line: raw.line, record: raw.record, message: `no known format matches this record: ${keys}` } }, format: null };
      continue;
    }
    yield { item: mapRecord(raw, moduleFor(found).map), format: found };
  }
}
