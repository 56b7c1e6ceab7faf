/**
 * Invalid UTF-8 is never replaced by U+FFFD: raw text is stored exactly as
 * imported, so the record holding the first invalid sequence is reported with
 * its line and byte offset, and the rest is read as before.
 */
import { describe, expect, it } from "vitest";
import { readJsonl, readJsonStream, type TContainerItem } from "./containers";
import { tmpDir, writeText } from "./fixtures/files";
import { scanUtf8 } from "./utf8";

async function all(items: AsyncIterable<TContainerItem>): Promise<TContainerItem[]> {
  const out: TContainerItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
const CHUNK = 1 << 20;

describe("invalid UTF-8 in JSONL", () => {
  it("reports the record with its line and byte offset and reads the others unchanged", async () => {
    const line1 = '{"t": "caf\u00e9 \u2014 ok"}\n';
    const line2Head = '{"t": "bad ';
    const file = writeText(tmpDir(), "a.jsonl", bytes(line1, line2Head, [0xff, 0x41], '"}\n', '{"t": "\ufffd is fine when encoded"}\n'));
    const items = await all(readJsonl(file));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ kind: "record", value: { line: 1, value: { t: "caf\u00e9 \u2014 ok" } } });
    const offset = Buffer.byteLength(line1) + Buffer.byteLength(line2Head);
    expect(items[1]).toEqual({ kind: "error", value: { line: 2, record: 2, message: `invalid UTF-8 at byte offset ${offset}: the raw text cannot be stored exactly` } });
    expect(items[2]).toMatchObject({ kind: "record", value: { line: 3, record: 3, value: { t: "\ufffd is fine when encoded" } } });
  });

  it("finds a bad sequence in a later chunk, across a chunk boundary, and a truncated character at the end", async () => {
    const long = JSON.stringify({ t: "\u00e9".repeat(CHUNK) }) + "\n"; // a valid line over one chunk: é split at the boundary
    const overlong = [0xc0, 0xaf]; // an overlong "/": invalid
    const file = writeText(tmpDir(), "b.jsonl", bytes(long, '{"t": "', overlong, '"}\n', '{"t": "end"}\n', '{"t": "', [0xe2, 0x82]));
    const items = await all(readJsonl(file));
    expect(items.map((i) => [i.kind, i.value.line])).toEqual([
      ["record", 1],
      ["error", 2],
      ["record", 3],
      ["error", 4],
    ]);
    const [first, second] = [items[1]!, items[3]!].map((i) => (i.kind === "error" ? i.value.message : ""));
    expect(first).toContain(`byte offset ${Buffer.byteLength(long) + 7}`);
    expect(second).toContain(`byte offset ${Buffer.byteLength(long) + 7 + 2 + 3 + 13 + 7}`);
    const big = items[0]!;
    expect(big.kind === "record" && (big.value.value as { t: string }).t).toBe("\u00e9".repeat(CHUNK));
  });

  it("reports an invalid byte right at the start of a chunk on the line it belongs to", async () => {
    const first = `{"t": "${"a".repeat(CHUNK - 8)}`; // CHUNK - 1 bytes, then `"`: the invalid byte opens the second chunk
    const file = writeText(tmpDir(), "c.jsonl", bytes(first, '"', [0x80], "}\n", '{"t": "b"}\n'));
    const items = await all(readJsonl(file));
    expect(items.map((i) => [i.kind, i.value.line])).toEqual([
      ["error", 1],
      ["record", 2],
    ]);
    const bad = items[0]!;
    expect(bad.kind === "error" && bad.value.message).toContain(`byte offset ${CHUNK}`);
  });
});

describe("invalid UTF-8 in a JSON array", () => {
  it("yields the records before it, then one error naming the line and byte offset", async () => {
    const head = '[\n  {"t": "one"},\n  {"t": "tw';
    const file = writeText(tmpDir(), "d.json", bytes(head, [0xed, 0xa0, 0x80], 'o"},\n  {"t": "three"}\n]\n'));
    const items = await all(readJsonStream(file, "json-array"));
    expect(items).toEqual([
      { kind: "record", value: { line: null, record: 1, key: null, value: { t: "one" } } },
      { kind: "error", value: { line: 3, record: 2, message: `invalid UTF-8 at byte offset ${Buffer.byteLength(head)}: the raw text cannot be stored exactly` } },
    ]);
  });
});

describe("scanUtf8", () => {
  it("accepts valid text, names the first invalid sequence and a character cut at the end", () => {
    expect(scanUtf8(bytes("a\u00e9\u20ac\u{1f600}"))).toEqual({ invalidAt: -1, incompleteAt: -1 });
    expect(scanUtf8(bytes("ab", [0xe2, 0x28, 0xa1]))).toEqual({ invalidAt: 2, incompleteAt: -1 });
    expect(scanUtf8(bytes("ab", [0xf0, 0x9f]))).toEqual({ invalidAt: -1, incompleteAt: 2 });
    expect(scanUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toMatchObject({ invalidAt: 0 }); // above U+10FFFF
    expect(scanUtf8(bytes([0xed, 0xa0, 0x80]))).toMatchObject({ invalidAt: 0 }); // a surrogate
    expect(scanUtf8(bytes([0xc1, 0xbf]))).toMatchObject({ invalidAt: 0 }); // overlong
  });
});
