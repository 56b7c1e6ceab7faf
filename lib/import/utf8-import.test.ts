/**
 * An import with invalid UTF-8 on a real PostgreSQL: the row is skipped and
 * reported with its line and byte offset (the whole import fails under
 * --strict); nothing is stored with U+FFFD in place of the bad bytes.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir } from "@/testing/fixtures";
import { importFile } from "./import-file";
import { ImportRequestError } from "./options";

useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();

const good = JSON.stringify(osRow("os_1", "How many files are in /tmp?", [{ think: "Count them: caf\u00e9.", answer: "3" }])) + "\n";
// A Latin-1 "é" (0xE9, then "(") inside the task turn: not UTF-8.
const badRow = JSON.stringify(osRow("os_2", "Which user owns /srv/caf@@?", [{ think: "Look.", answer: "root" }]));
const [before, after] = badRow.split("@@");
const lines = Buffer.concat([Buffer.from(good), Buffer.from(before!), Buffer.from([0xe9, 0x28]), Buffer.from(after! + "\n")]);
const offset = Buffer.byteLength(good) + Buffer.byteLength(before!);

describe("invalid UTF-8 in an import", () => {
  it("skips the record, naming its line and byte offset, and stores no U+FFFD", async () => {
    const file = path.join(dir, "os-latin1.jsonl");
    writeFileSync(file, lines);
    const report = await importFile(ACTOR, { filePath: file });
    expect(report).toMatchObject({ imported: 1, skipped: 1 });
    expect(report.errors).toEqual([{ line: 2, record: 2, message: `invalid UTF-8 at byte offset ${offset}: the raw text cannot be stored exactly` }]);
    const replaced = await pool().query("select count(*)::int as n from turns where raw_text like '%' || chr(65533) || '%'");
    expect(replaced.rows[0].n).toBe(0);
    const kept = await pool().query("select raw_text from turns where raw_text like '%caf%'");
    expect(kept.rows[0].raw_text).toContain("caf\u00e9");
  });

  it("fails the whole import under --strict and stores nothing", async () => {
    const file = path.join(dir, "os-latin1-strict.jsonl");
    writeFileSync(file, Buffer.concat([lines, Buffer.from("\n")])); // other bytes than the file above: not "already imported"
    const before = (await pool().query("select count(*)::int as n from datasets")).rows[0].n;
    const error = await importFile(ACTOR, { filePath: file, strict: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRequestError);
    expect((error as Error).message).toBe(`os-latin1-strict.jsonl: line 2: invalid UTF-8 at byte offset ${offset}: the raw text cannot be stored exactly (--strict stops at the first bad record)`);
    expect((await pool().query("select count(*)::int as n from datasets")).rows[0].n).toBe(before);
  });
});
