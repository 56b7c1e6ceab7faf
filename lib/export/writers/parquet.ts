/**
 * Parquet for Hugging Face datasets, written in row groups as records arrive:
 * columns id, task, model, dataset, reward, `conversations` as a nested
 * list<struct<from, value, loss>> (AgentInstruct's own parquet layout; tool
 * calls as function_call / observation turns, as in conversations.jsonl) and
 * `tools` (the declared tools as a JSON string, null when none), so it
 * reads back through lib/formats as agentinstruct. Memory holds two row groups
 * (one encoding on its own thread, one filling), each at most `rowGroupSize`
 * records or about `rowGroupBytes` of text, whichever comes first. No
 * timestamps anywhere: same records, same bytes.
 */
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SchemaElement } from "hyparquet-writer";
import type { TExportRecord } from "@/lib/export/record";
import { conversationsLine, conversationTurns } from "./conversations";
import { isPlainRecord } from "./plain-lines";
import { StreamSink, type TRecordWriter } from "./stream-sink";

export const PARQUET_SCHEMA: SchemaElement[] = [
  { name: "root", num_children: 7 },
  { name: "id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "task", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "model", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
  { name: "dataset", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "reward", type: "DOUBLE", repetition_type: "OPTIONAL" },
  { name: "conversations", converted_type: "LIST", repetition_type: "REQUIRED", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "REQUIRED", num_children: 3 },
  { name: "from", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "value", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "loss", type: "BOOLEAN", repetition_type: "OPTIONAL" },
  { name: "tools", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
];

export type TParquetOptions = { rowGroupSize?: number; rowGroupBytes?: number };

/** A row group on its way to the thread: conversations.jsonl lines as one JSON array, and the columns they lack. */
type TGroup = { lines: string[]; datasets: string[]; rewards: (number | null)[] };
type TThreadMessage = { type: "group"; rows: string; datasets: string[]; rewards: (number | null)[] } | { type: "finish" };

/** The UTF-16 length of the record's conversation values, which bounds a row group (a plain record's are its texts). */
function conversationTextLength(record: TExportRecord): number {
  let length = 0;
  if (isPlainRecord(record)) for (const turn of record.turns) length += turn.text.length;
  else for (const turn of conversationTurns(record.turns)) length += turn.value.length;
  return length;
}

/** Relative to this file; a variable, so a bundler of the web server (which never writes exports) leaves it alone. */
const THREAD_FILE = "./parquet-thread.mjs";

/**
 * The encoding thread: messages answered in order, one pending answer per request.
 * It keeps the process alive only while an answer is awaited, and stops with the file.
 */
class EncoderThread {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor() {
    // execArgv []: plain JavaScript needs no loader of the parent's (tsx), which would cost the thread's start.
    this.worker = new Worker(fileURLToPath(new URL(THREAD_FILE, import.meta.url)), {
      workerData: { schema: PARQUET_SCHEMA },
      execArgv: [],
      // A small young generation: the thread's garbage is collected early instead of adding to the export's peak memory.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    this.worker.unref();
    this.worker.on("message", (answer: { bytes?: Uint8Array; error?: string }) => {
      const next = this.waiting.shift();
      if (this.waiting.length === 0) this.worker.unref();
      if (answer.error !== undefined) next?.reject(new Error(`parquet encoding failed: ${answer.error}`));
      else next?.resolve(answer.bytes!);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const pending of this.waiting.splice(0)) pending.reject(this.failure);
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`the parquet encoding thread stopped (exit code ${code})`)));
  }

  request(message: TThreadMessage): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const answer = new Promise<Uint8Array>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.worker.ref();
    this.worker.postMessage(message);
    return answer;
  }

  stop(): void {
    void this.worker.terminate();
  }
}

/**
 * Row groups are encoded (dremel, dictionary, snappy) on their own thread while the main thread
 * reads and transforms the next records: one group encoding, one filling. Bytes reach `out`
 * in order, inside write() and close(), each waiting for the stream to drain.
 */
export function createParquetWriter(out: Writable, options: TParquetOptions = {}): TRecordWriter<TExportRecord> {
  const rowGroupSize = options.rowGroupSize ?? 1000;
  // Counted in UTF-16 units; encoding makes a few copies, so this keeps a row group's peak near 100 MB.
  const rowGroupBytes = options.rowGroupBytes ?? 16 << 20;
  const sink = new StreamSink(out);
  const thread = new EncoderThread();
  out.once("close", () => thread.stop());
  // The file's header, then each group's bytes, then the footer: each request answers with what it added.
  let encoding: Promise<Uint8Array> | null = null;
  let group: TGroup = { lines: [], datasets: [], rewards: [] };
  let textBytes = 0;
  async function send(message: TThreadMessage): Promise<void> {
    const previous = encoding;
    encoding = thread.request(message);
    encoding.catch(() => {}); // awaited at the next send or at close
    if (previous) await sink.write(await previous);
  }
  async function writeGroup(): Promise<void> {
    if (group.lines.length === 0) return;
    const { lines, datasets, rewards } = group;
    group = { lines: [], datasets: [], rewards: [] };
    textBytes = 0;
    // One string crosses to the thread (a copy, not an object graph to clone), parsed there into the rows.
    await send({ type: "group", rows: `[${lines.join(",")}]`, datasets, rewards });
  }
  return {
    async write(record) {
      // The conversations.jsonl line has every column but the dataset; the reward goes beside it, exactly (JSON would turn -0 into 0).
      group.lines.push(conversationsLine(record));
      group.datasets.push(record.datasetName);
      group.rewards.push(record.reward);
      textBytes += conversationTextLength(record);
      if (group.lines.length >= rowGroupSize || textBytes >= rowGroupBytes) await writeGroup();
    },
    async close() {
      try {
        await writeGroup();
        await send({ type: "finish" });
        await sink.write(await encoding!);
        await sink.end();
      } finally {
        thread.stop();
      }
    },
  };
}
