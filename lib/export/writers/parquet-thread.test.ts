/**
 * Parquet row groups are encoded on their own thread: the file is byte for
 * byte what hyparquet-writer's ParquetWriter writes on the calling thread with
 * the same columns (the writer before the thread; the thread reads the rows
 * back from conversations.jsonl lines), row groups in order; a
 * failing destination rejects instead of hanging.
 */
import { Writable } from "node:stream";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import type { TExportRecord } from "@/lib/export/record";
import { conversationTurns, toolsString } from "./conversations";
import { createParquetWriter, PARQUET_SCHEMA } from "./parquet";
import { RECORDS, slowWritable } from "./__fixtures__/records";

/** The same rows and columns encoded on this thread, one row group per `groupSize` records. */
function encodedHere(records: readonly TExportRecord[], groupSize: number): Buffer {
  const bytes = new ByteWriter();
  const parquet = new ParquetWriter({ writer: bytes, schema: PARQUET_SCHEMA });
  for (let start = 0; start < records.length; start += groupSize) {
    const rows = records.slice(start, start + groupSize).map((r) => ({
      id: r.id, task: r.task, model: r.sourceModel, dataset: r.datasetName, reward: r.reward, conversations: conversationTurns(r.turns), tools: toolsString(r),
    }));
    const column = (name: keyof (typeof rows)[0]) => ({ name, data: rows.map((row) => row[name]) });
    void parquet.write({
      columnData: [column("id"), column("task"), column("model"), column("dataset"), column("reward"), { ...column("conversations"), statistics: false }, { ...column("tools"), statistics: false }],
      rowGroupSize: rows.length,
    });
  }
  void parquet.finish();
  return Buffer.from(bytes.getBytes());
}

async function encodedOnThread(records: readonly TExportRecord[], groupSize: number): Promise<Buffer> {
  const out = slowWritable(1 << 16);
  const writer = createParquetWriter(out, { rowGroupSize: groupSize });
  for (const record of records) await writer.write(record);
  await writer.close();
  return Buffer.concat(out.received);
}

// Rewards the JSON lines could not carry exactly (-0, NaN) go beside them.
const REWARDS = [null, -0, Number.NaN, 0.5, 1e-300];
const MANY = Array.from({ length: 9 }, (_, i) => RECORDS.map((r) => ({ ...r, id: `${r.id}-${i}`, reward: i % 2 ? r.reward : REWARDS[i % REWARDS.length]! }))).flat();

describe("parquet encoding thread", () => {
  it.each([
    ["several row groups", MANY, 5],
    ["one row group", RECORDS, 1000],
    ["no records", [], 1000],
  ] as const)("%s: the same bytes as the writer on the calling thread", async (_name, records, groupSize) => {
    const threaded = await encodedOnThread(records, groupSize);
    expect(threaded.length).toBeGreaterThan(8);
    expect(threaded.equals(encodedHere(records, groupSize))).toBe(true);
  });

  it("a destination that fails rejects the write, and the file's thread stops", async () => {
    const out = new Writable({ write: (_chunk, _encoding, done) => done(new Error("disk full")) });
    const writer = createParquetWriter(out, { rowGroupSize: 2 });
    await expect(
      (async () => {
        for (const record of MANY) await writer.write(record);
        await writer.close();
      })(),
    ).rejects.toThrow("disk full");
  });
});
