import { describe, expect, it } from "vitest";
import { readContainer, readJsonl, readJsonStream, readParquet, type TContainerItem } from "./containers";
import { tmpDir, writeAgentInstructParquet, writeText } from "./fixtures/files";
import { osRow, dbRow } from "./fixtures/samples";

async function all(items: AsyncIterable<TContainerItem>): Promise<TContainerItem[]> {
  const out: TContainerItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("readJsonl", () => {
  it("numbers lines from 1, skips blank lines, strips a BOM, reports bad JSON by line", async () => {
    const dir = tmpDir();
    const file = writeText(dir, "a.jsonl", '\uFEFF{"id": "a"}\r\n\n   \n{"id": "b"}\n{"id": \n{"id": "d"}');
    const items = await all(readJsonl(file));
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({ kind: "record", value: { line: 1, record: 1, key: null, value: { id: "a" } } });
    expect(items[1]).toMatchObject({ kind: "record", value: { line: 4, record: 2, value: { id: "b" } } });
    expect(items[2]).toMatchObject({ kind: "error", value: { line: 5, record: 3 } });
    expect(items[2]?.kind === "error" && items[2].value.message).toMatch(/^invalid JSON: /);
    expect(items[3]).toMatchObject({ kind: "record", value: { line: 6, record: 4, value: { id: "d" } } });
  });

  it("joins multi-byte characters split across read chunks and reports progress to the end", async () => {
    const dir = tmpDir();
    // a line longer than one 1 MiB chunk, full of 4-byte characters
    const long = "😀é".repeat(300_000);
    const text = JSON.stringify({ t: long }) + "\n" + JSON.stringify({ t: "x" }) + "\n";
    const file = writeText(dir, "big.jsonl", text);
    const progress: number[] = [];
    const items = await all(readJsonl(file, { onProgress: (b) => progress.push(b) }));
    expect(items.map((i) => i.kind === "record" && (i.value.value as { t: string }).t)).toEqual([long, "x"]);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(Buffer.byteLength(text));
  });
});

describe("readJsonStream", () => {
  it("streams array elements with 1-based record numbers and no line", async () => {
    const dir = tmpDir();
    const file = writeText(dir, "a.json", "\uFEFF[\n" + JSON.stringify(osRow, null, 2) + ",\n" + JSON.stringify(dbRow) + "\n]\n");
    const items = await all(readJsonStream(file, "json-array"));
    expect(items).toEqual([
      { kind: "record", value: { line: null, record: 1, key: null, value: osRow } },
      { kind: "record", value: { line: null, record: 2, key: null, value: dbRow } },
    ]);
  });

  it("keeps the key of a keyed object", async () => {
    const dir = tmpDir();
    const file = writeText(dir, "k.json", '{"12": {"a": 1}, "40": {"a": 2}}');
    const items = await all(readJsonStream(file, "json-object"));
    expect(items.map((i) => i.kind === "record" && [i.value.record, i.value.key])).toEqual([
      [1, "12"],
      [2, "40"],
    ]);
  });

  it("reads a single top-level record", async () => {
    const dir = tmpDir();
    const file = writeText(dir, "r.json", JSON.stringify({ meta: { reward: 1 }, conversations: [] }, null, 2));
    const items = await all(readJsonStream(file, "json-record"));
    expect(items).toEqual([
      { kind: "record", value: { line: null, record: 1, key: null, value: { meta: { reward: 1 }, conversations: [] } } },
    ]);
  });

  it("ends with one error naming the record being read when the JSON breaks", async () => {
    const dir = tmpDir();
    const bad = writeText(dir, "bad.json", '[{"a": 1}, {"a": tru}]');
    const truncated = writeText(dir, "cut.json", '[{"a": 1}, {"a": ');
    for (const file of [bad, truncated]) {
      const items = await all(readJsonStream(file, "json-array"));
      expect(items[0]).toMatchObject({ kind: "record", value: { record: 1 } });
      expect(items[1]).toMatchObject({ kind: "error", value: { line: null, record: 2 } });
      expect(items[1]?.kind === "error" && items[1].value.message).toMatch(/^invalid JSON: /);
      expect(items).toHaveLength(2);
    }
  });
});

describe("readParquet", () => {
  it("reads list<struct> conversations one row group at a time, with progress", async () => {
    const dir = tmpDir();
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `os_${i}`, conversations: osRow.conversations }));
    const file = writeAgentInstructParquet(dir, "os.parquet", rows, { rowGroupSize: 2 });
    const progress: number[] = [];
    const items = await all(readParquet(file, { onProgress: (b) => progress.push(b) }));
    expect(items.map((i) => i.kind === "record" && i.value.record)).toEqual([1, 2, 3, 4, 5]);
    const first = items[0]?.kind === "record" ? (items[0].value.value as typeof osRow) : null;
    expect(first?.conversations).toEqual(osRow.conversations);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it("is chosen by readContainer for the parquet container", async () => {
    const dir = tmpDir();
    const file = writeAgentInstructParquet(dir, "x.parquet", [{ id: "db_1", conversations: [] }], {
      conversationsAsJson: true,
    });
    const items = await all(readContainer(file, "parquet"));
    expect(items).toEqual([{ kind: "record", value: { line: null, record: 1, key: null, value: { id: "db_1", conversations: "[]" } } }]);
  });
});
