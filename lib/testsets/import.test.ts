/**
 * A test-set import on a real PostgreSQL refuses a field that is missing or
 * empty in records (a misspelled --field once stored empty items, which a
 * check then called clean), naming the records and the fields that exist.
 */
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { UserFacingError } from "@/lib/errors";
import { useTestDatabase } from "@/testing/database";
import { scratchDir, writeLines } from "@/testing/fixtures";
import { importTestSet } from "./import";

useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();
afterAll(() => rm(dir, { recursive: true, force: true }));

const dbTask = (i: number, description: string | undefined) => ({
  ...(description === undefined ? {} : { description }),
  label: [String(i)],
  table: { table_name: `t${i}`, table_info: { columns: [{ name: "id", type: "INT" }], rows: [[i]] } },
  type: ["counting"],
});

async function refusal(file: string, fields: string[]): Promise<string> {
  const error = await importTestSet(ACTOR, file, { name: `refused ${file}`, task: "db", fields }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as Error).message;
}

const storedSets = async () => (await pool().query("select count(*)::int as n from test_sets")).rows[0].n as number;
const storedItems = async () => (await pool().query("select count(*)::int as n from test_set_items")).rows[0].n as number;

describe("test set import: the chosen field", () => {
  it("refuses a misspelled field, naming the records and the fields that exist, and stores nothing", async () => {
    const file = writeLines(dir, "dbbench.jsonl", [1, 2, 3].map((i) => dbTask(i, `How many rows does table t${i} have?`)));
    const message = await refusal(file, ["descripton"]);
    expect(message).toContain("dbbench.jsonl");
    expect(message).toContain('"descripton"');
    expect(message).toMatch(/records 1, 2, 3\b/);
    expect(message).toMatch(/description/);
    expect(message).toMatch(/label/);
    expect(await storedSets()).toBe(0);
    expect(await storedItems()).toBe(0);
  });

  it("refuses when the field is empty or missing in some records, naming only those", async () => {
    const file = writeLines(dir, "partial.jsonl", [dbTask(1, "Count t1."), dbTask(2, "  "), dbTask(3, "Count t3."), dbTask(4, undefined)]);
    const message = await refusal(file, ["description"]);
    expect(message).toMatch(/records 2, 4\b/);
    expect(message).not.toMatch(/\b1, /);
    expect(await storedSets()).toBe(0);
  });

  it("imports when every record holds text in the field", async () => {
    const file = writeLines(dir, "good.jsonl", [1, 2].map((i) => dbTask(i, `How many rows does table t${i} have?`)));
    const set = await importTestSet(ACTOR, file, { name: "dbbench", task: "db", fields: ["description"] });
    expect(set.itemCount).toBe(2);
    expect(await storedItems()).toBe(2);
  });
});
