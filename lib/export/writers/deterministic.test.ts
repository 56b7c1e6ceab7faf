/** Same records, same bytes: in every format, whatever the destination. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createConversationsWriter } from "./conversations";
import { createMessagesWriter } from "./messages";
import { createParquetWriter } from "./parquet";
import { createPreferenceWriter } from "./preference";
import type { TRecordWriter } from "./stream-sink";
import { PAIRS, RECORDS, slowWritable, tmpDir, writeFileWith } from "./__fixtures__/records";

const MIX: Array<[string, (out: Writable) => TRecordWriter<(typeof RECORDS)[number]>]> = [
  ["conversations.jsonl", createConversationsWriter],
  ["messages.jsonl", createMessagesWriter],
  ["conversations.parquet", (out) => createParquetWriter(out, { rowGroupSize: 2 })],
];

describe("byte determinism", () => {
  it.each(MIX)("%s", async (name, create) => {
    const dir = tmpDir();
    const a = readFileSync(await writeFileWith(path.join(dir, `a-${name}`), create, RECORDS));
    const b = readFileSync(await writeFileWith(path.join(dir, `b-${name}`), create, structuredClone(RECORDS)));
    expect(a.length).toBeGreaterThan(0);
    expect(a.equals(b)).toBe(true);
    // the same bytes through a slow, chunked destination
    const slow = slowWritable(64);
    const writer = create(slow);
    for (const record of RECORDS) await writer.write(record);
    await writer.close();
    expect(Buffer.concat(slow.received).equals(a)).toBe(true);
  });

  it("preference.jsonl", async () => {
    const dir = tmpDir();
    const a = readFileSync(await writeFileWith(path.join(dir, "a.jsonl"), createPreferenceWriter, PAIRS));
    const b = readFileSync(await writeFileWith(path.join(dir, "b.jsonl"), createPreferenceWriter, structuredClone(PAIRS)));
    expect(a.equals(b)).toBe(true);
  });
});
