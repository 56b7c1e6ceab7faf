import { afterAll, describe, expect, it } from "vitest";
import { rm } from "node:fs/promises";
import { scratchDir, writeLines } from "@/testing/fixtures";
import { itemId, itemText, previewTestRecords, readTestRecords, WHOLE_RECORD } from "./read";
import { writeFileSync } from "node:fs";
import path from "node:path";

const dir = scratchDir();
afterAll(() => rm(dir, { recursive: true, force: true }));

async function all(file: string) {
  const out = [];
  for await (const r of readTestRecords(file)) out.push(r);
  return out;
}

describe("test set records", () => {
  it("reads JSONL and suggests the known question key", async () => {
    const file = writeLines(dir, "a.jsonl", [{ id: "x1", goal: "Find the red mug", meta: "m" }, { id: "x2", goal: "Open the door", meta: "m" }]);
    const records = await all(file);
    expect(records.map((r) => itemId(r.value, r.key, r.record))).toEqual(["x1", "x2"]);
    expect(itemText(records[0]!.value, ["goal"])).toBe("Find the red mug");
    expect((await previewTestRecords(file)).suggested).toEqual(["goal"]);
  });

  it("reads a JSON array of bare strings", async () => {
    const file = path.join(dir, "b.json");
    writeFileSync(file, JSON.stringify(["first question", "second question"]));
    const records = await all(file);
    expect(records.map((r) => itemText(r.value, [WHOLE_RECORD]))).toEqual(["first question", "second question"]);
    expect(records.map((r) => itemId(r.value, r.key, r.record))).toEqual(["1", "2"]);
    expect((await previewTestRecords(file)).suggested).toEqual([WHOLE_RECORD]);
  });

  it("reads CSV with quoted fields and joins several chosen fields", async () => {
    const file = path.join(dir, "c.csv");
    writeFileSync(file, 'id,question,context\nq1,"What, exactly?","line one\nline two"\n');
    const [r] = await all(file);
    expect(itemText(r!.value, ["question", "context"])).toBe("What, exactly?\n\nline one\nline two");
  });
});

describe("a test set file that is one JSON object", () => {
  it("reads an AgentBench OS task object as one record, not one per key", async () => {
    const file = path.join(dir, "os-task.json");
    writeFileSync(
      file,
      JSON.stringify(
        {
          description: "How many hidden files are in /home/ts?",
          create: { local: "default", init: { code: "mkdir -p /home/ts && touch /home/ts/.a /home/ts/.b" } },
          start: "bash -c 'useradd ts'",
          evaluation: { check: { file: "check/integer-match.py" }, example: { code: "ls -a /home/ts | grep '^\\.' | wc -l" } },
        },
        null,
        2,
      ),
    );
    const records = await all(file);
    expect(records).toHaveLength(1);
    expect(itemText(records[0]!.value, ["description"])).toBe("How many hidden files are in /home/ts?");
    expect((await previewTestRecords(file)).suggested).toEqual(["description"]);
  });

  it("reads an object whose values are all records as a map of id to record", async () => {
    const file = path.join(dir, "os-tasks.json");
    writeFileSync(file, JSON.stringify({ "os-7": { description: "Count the users." }, "os-8": { description: "Find the largest file." } }));
    const records = await all(file);
    expect(records.map((r) => itemId(r.value, r.key, r.record))).toEqual(["os-7", "os-8"]);
    expect(records.map((r) => itemText(r.value, ["description"]))).toEqual(["Count the users.", "Find the largest file."]);
  });
});
