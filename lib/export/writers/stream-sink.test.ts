/**
 * StreamSink encodes strings straight into chunks: the bytes that arrive must be
 * exactly the UTF-8 of everything written, in order, whatever the characters
 * (multi-byte, surrogate pairs, lone surrogates) and whatever the sizes (a string
 * larger than a chunk, raw bytes in between).
 */
import { describe, expect, it } from "vitest";
import { StreamSink } from "./stream-sink";
import { slowWritable } from "./__fixtures__/records";

const HIGH_WATER_MARK = 64;

const PIECES: (string | Uint8Array)[] = [
  '{"value":"plain ascii"}\n',
  "é".repeat(40), // 2 bytes each: fills a chunk faster than its length says
  "中文字符".repeat(11), // 3 bytes each, the most per code unit
  "🙂 emoji, a surrogate pair 🙂\n",
  "lone \ud800 surrogate and \udfff\n", // encoded as U+FFFD, as Buffer.from does
  Uint8Array.from([0x00, 0xff, 0x10]), // raw bytes between strings (parquet writes these)
  "x".repeat(5 * HIGH_WATER_MARK), // larger than a chunk: goes on its own
  "", // nothing
  ..."short line\n".repeat(30).split(/(?<=\n)/),
  "中".repeat(2 * HIGH_WATER_MARK), // larger than a chunk only in bytes
  "the end\n",
];

function expectedBytes(pieces: (string | Uint8Array)[]): Buffer {
  return Buffer.concat(pieces.map((piece) => (typeof piece === "string" ? Buffer.from(piece, "utf8") : piece)));
}

describe("StreamSink", () => {
  it("delivers exactly the UTF-8 of every string and the raw bytes, in order", async () => {
    const out = slowWritable(HIGH_WATER_MARK);
    const sink = new StreamSink(out);
    for (const piece of PIECES) await sink.write(piece);
    await sink.end();
    // Earlier chunks are compared after later ones were filled: a chunk reused after it was handed over would differ.
    expect(Buffer.concat(out.received).equals(expectedBytes(PIECES))).toBe(true);
    expect(out.received.length).toBeGreaterThan(5);
  });

  it("sends small strings together: a chunk per high-water mark, not a write per string", async () => {
    const out = slowWritable(HIGH_WATER_MARK);
    const sink = new StreamSink(out);
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}\n`);
    for (const line of lines) await sink.write(line);
    await sink.end();
    const total = lines.join("").length;
    expect(out.received.length).toBeLessThanOrEqual(Math.ceil(total / HIGH_WATER_MARK) + 1);
    for (const chunk of out.received.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(HIGH_WATER_MARK / 2);
    expect(Buffer.concat(out.received).toString("utf8")).toBe(lines.join(""));
  });
});
