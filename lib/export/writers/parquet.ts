/**
 * Parquet for Hugging Face datasets, written in row groups as records arrive:
 * columns id, task, model, dataset, reward, `conversations` as a nested
 * list<struct<from, value, loss>> (AgentInstruct's own parquet layout; tool
 * calls as function_call / observation turns, as in conversations.jsonl) and
 * `tools` (the declared tools as a JSON string, null when none), so it
 * reads back through lib/formats as agentinstruct. Memory holds one row group:
 * at most `rowGroupSize` records or about `rowGroupBytes` of text, whichever
 * comes first. No timestamps anywhere: same records, same bytes.
 */
import type { Writable } from "node:stream";
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from "hyparquet-writer";
import { compressSync } from "snappy";
import type { TExportRecord } from "@/lib/export/record";
import { conversationTurns, toolsString, type TConversationTurn } from "./conversations";
import { StreamSink, type TRecordWriter } from "./stream-sink";

const SCHEMA: SchemaElement[] = [
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

type TRow = {
  id: string;
  task: string;
  model: string | null;
  dataset: string;
  reward: number | null;
  conversations: TConversationTurn[];
  tools: string | null;
};

/** hyparquet-writer's byte buffer, emptied into the stream after each row group. */
class StreamByteWriter extends ByteWriter {
  constructor(private readonly sink: StreamSink) {
    super(1 << 16);
  }

  flush(): Promise<void> {
    const bytes = this.getBytes().slice();
    this.index = 0;
    return this.sink.write(bytes);
  }

  override finish(): Promise<void> {
    return this.flush().then(() => this.sink.end());
  }
}

/**
 * Snappy in native code: hyparquet-writer's own (JavaScript) compressor was a tenth of a full-scale export's
 * main thread (about 9 s of 82 at 1M trajectories). Both write standard Snappy, which every reader decodes;
 * for the same input each gives the same bytes on every run.
 */
function nativeSnappy(input: Uint8Array): Uint8Array {
  return compressSync(input);
}

export type TParquetOptions = { rowGroupSize?: number; rowGroupBytes?: number };

export function createParquetWriter(out: Writable, options: TParquetOptions = {}): TRecordWriter<TExportRecord> {
  const rowGroupSize = options.rowGroupSize ?? 1000;
  // Counted in UTF-16 units; encoding makes a few copies, so this keeps a row group's peak near 100 MB.
  const rowGroupBytes = options.rowGroupBytes ?? 16 << 20;
  const bytes = new StreamByteWriter(new StreamSink(out));
  const parquet = new ParquetWriter({ writer: bytes, schema: SCHEMA, compressors: { SNAPPY: nativeSnappy } });
  let rows: TRow[] = [];
  let textBytes = 0;

  async function writeGroup(): Promise<void> {
    if (rows.length === 0) return;
    const group = rows;
    rows = [];
    textBytes = 0;
    const column = <K extends keyof TRow>(name: K): ColumnSource => ({ name, data: group.map((row) => row[name]) });
    await parquet.write({
      // No min/max statistics on the turn texts: the writer keeps every row group's until the end, and a
      // page dump's min or max would be kept whole (memory growing with the export instead of one row group).
      columnData: [column("id"), column("task"), column("model"), column("dataset"), column("reward"), { ...column("conversations"), statistics: false }, { ...column("tools"), statistics: false }],
      rowGroupSize: group.length,
    });
  }

  return {
    async write(record) {
      const conversations = conversationTurns(record.turns);
      rows.push({
        id: record.id,
        task: record.task,
        model: record.sourceModel,
        dataset: record.datasetName,
        reward: record.reward,
        conversations,
        tools: toolsString(record),
      });
      for (const turn of conversations) textBytes += turn.value.length;
      if (rows.length >= rowGroupSize || textBytes >= rowGroupBytes) await writeGroup();
    },
    async close() {
      await writeGroup();
      await parquet.finish();
    },
  };
}
