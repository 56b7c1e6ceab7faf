/**
 * 20,000 records into a destination slower than the writer: every write
 * waits for 'drain' when the stream is full, so what sits in the stream's
 * buffer stays bounded instead of growing with the export.
 */
import type { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { TExportRecord, TPreferencePair } from "@/lib/export/record";
import { createConversationsWriter } from "./conversations";
import { createMessagesWriter } from "./messages";
import { createParquetWriter } from "./parquet";
import { createPreferenceWriter } from "./preference";
import type { TRecordWriter } from "./stream-sink";
import { PAIRS, RECORDS, slowWritable } from "./__fixtures__/records";

const COUNT = 20_000;
const HIGH_WATER_MARK = 1024;

async function feed<T>(create: (out: Writable) => TRecordWriter<T>, value: (i: number) => T) {
  const out = slowWritable(HIGH_WATER_MARK);
  const writer = create(out);
  let maxBuffered = 0;
  for (let i = 0; i < COUNT; i++) {
    await writer.write(value(i));
    maxBuffered = Math.max(maxBuffered, out.writableLength);
  }
  const chunksBeforeClose = out.received.length;
  await writer.close();
  return { maxBuffered, chunksBeforeClose, total: Buffer.concat(out.received) };
}

const record = (i: number): TExportRecord => ({ ...RECORDS[i % RECORDS.length]!, id: `r${i}` });
const pair = (i: number): TPreferencePair => ({ ...PAIRS[0]!, id: `p${i}` });

describe("backpressure", () => {
  it.each([
    ["conversations", createConversationsWriter],
    ["messages", createMessagesWriter],
  ] as const)("%s JSONL never has more than the high-water mark waiting", async (_name, create) => {
    const { maxBuffered, chunksBeforeClose, total } = await feed(create, record);
    // Lines are joined up to the high-water mark, so one chunk may pass it by one line (each under 1 KB here).
    expect(maxBuffered).toBeLessThan(2 * HIGH_WATER_MARK);
    // ...and they went out while writing, not all at the end.
    expect(chunksBeforeClose).toBeGreaterThan(COUNT / 50);
    expect(total.toString("utf8").split("\n").length - 1).toBe(COUNT);
  });

  it("preference JSONL never has more than the high-water mark waiting", async () => {
    const { maxBuffered, total } = await feed(createPreferenceWriter, pair);
    expect(maxBuffered).toBeLessThan(2 * HIGH_WATER_MARK);
    expect(total.toString("utf8").split("\n").length - 1).toBe(COUNT);
  });

  it("parquet streams one row group at a time and waits for each to drain", async () => {
    const { maxBuffered, chunksBeforeClose, total } = await feed((out) => createParquetWriter(out, { rowGroupSize: 500 }), record);
    expect(maxBuffered).toBeLessThan(HIGH_WATER_MARK);
    // the header and 39 of 40 row groups were out before close: nothing waited for the end
    expect(chunksBeforeClose).toBeGreaterThanOrEqual(COUNT / 500 - 1);
    const { parquetMetadata } = await import("hyparquet");
    const metadata = parquetMetadata(total.buffer.slice(total.byteOffset, total.byteOffset + total.byteLength));
    expect(Number(metadata.num_rows)).toBe(COUNT);
    expect(metadata.row_groups).toHaveLength(COUNT / 500);
  });

  it("a writer whose destination fails rejects instead of hanging", async () => {
    const out = slowWritable(16);
    const writer = createConversationsWriter(out);
    out.destroy(new Error("disk full"));
    await expect(writer.write(record(0))).rejects.toThrow();
  });
});
