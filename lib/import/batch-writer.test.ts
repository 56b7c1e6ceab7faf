import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { closeDb, pool } from "@/lib/db/client";
import { systemActor } from "@/lib/access/actor";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { importFile } from "./import-file";

const databaseUrl = useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();
// More than one batch (500 trajectories): the second batch's trajectories are inserted after the first batch's turns.
const ROWS = 1_100;

describe("BatchWriter: the turns of an import against PostgreSQL", () => {
  it("are written without a per-row key check on their own trajectories, and the facet triggers still fire for every batch", async () => {
    const rows = Array.from({ length: ROWS }, (_, n) => osRow(`os_${n}`, `Question ${n}?`, [{ think: `Step ${n}.`, answer: String(n) }]));
    const report = await importFile(ACTOR, { filePath: writeLines(dir, "os-many.jsonl", rows) });
    expect(report.imported).toBe(ROWS);

    // The per-row foreign-key check locks its parent (SELECT ... FOR KEY SHARE), which leaves xmax set on the trajectory.
    const locked = await pool().query<{ n: number }>("select count(*)::int as n from trajectories where xmax <> '0'");
    expect(locked.rows[0]!.n).toBe(0);
    const turns = await pool().query<{ n: number; orphans: number }>(
      "select count(*)::int as n, count(*) filter (where not exists (select 1 from trajectories j where j.id = t.trajectory_id))::int as orphans from turns t",
    );
    expect(turns.rows[0]).toEqual({ n: report.turns, orphans: 0 });
    const facets = await pool().query<{ n: string }>("select sum(n)::text as n from trajectory_facet_deltas where facet = 'task'");
    expect(facets.rows[0]!.n).toBe(String(ROWS));
  });

  it("leave nothing in the search index's pending list: its words are merged once, at the end of the import", async () => {
    await pool().query("create extension if not exists pgstattuple");
    const rows = Array.from({ length: 600 }, (_, n) => osRow(`os_search_${n}`, `Where is the lighthouse number ${n}?`, [{ think: "Look.", answer: String(n) }]));
    const report = await importFile(ACTOR, { filePath: writeLines(dir, "os-search.jsonl", rows) });
    expect(report.imported).toBe(600);
    const gin = await pool().query<{ pending_pages: number; pending_tuples: string }>(
      "select pending_pages, pending_tuples::text from pgstatginindex('trajectories_instruction_search_idx')",
    );
    expect(gin.rows[0]).toEqual({ pending_pages: 0, pending_tuples: "0" });
    const found = await pool().query<{ n: number }>("select count(*)::int as n from trajectories where instruction_search @@ websearch_to_tsquery('simple', 'lighthouse')");
    expect(found.rows[0]!.n).toBe(600);
  });

  it("write the first of two equal rows in one batch, with its own turns, and report the second as its duplicate", async () => {
    const first = osRow("os_twin_a", "Twin question?", [{ think: "Twin.", bash: "ls", output: "x" }, { think: "Done.", answer: "x" }]);
    const other = osRow("os_twin_b", "Other question?", [{ think: "Other.", answer: "y" }]);
    const twin = { ...first, id: "os_twin_c" };
    const report = await importFile(ACTOR, { filePath: writeLines(dir, "os-twins.jsonl", [first, other, twin]) });
    expect(report).toMatchObject({ imported: 2, duplicates: 1 });
    const stored = await pool().query<{ id: string; external_id: string; turns: number; instruction: string }>(
      `select j.id::text, j.external_id, (select count(*)::int from turns t where t.trajectory_id = j.id) as turns,
              (select t.raw_text from turns t where t.trajectory_id = j.id and t.is_task_turn) as instruction
         from trajectories j where j.external_id like 'os_twin_%' order by j.external_id`,
    );
    expect(stored.rows.map(({ external_id, turns, instruction }) => ({ external_id, turns, instruction }))).toEqual([
      { external_id: "os_twin_a", turns: 10, instruction: "Twin question?" },
      { external_id: "os_twin_b", turns: 8, instruction: "Other question?" },
    ]);
    expect(report.duplicateRecords).toEqual([
      expect.objectContaining({ externalId: "os_twin_c", storedId: stored.rows[0]!.id, record: 3 }),
    ]);
  });

  it("store each trajectory's turn-text bytes as PostgreSQL counts them, for texts with NUL, multi-byte characters and a lone surrogate", async () => {
    const rows = [
      osRow("os_bytes_ascii", "Plain question?", [{ think: "Plain.", answer: "1" }]),
      osRow("os_bytes_nul", "A NUL \u0000 inside?", [{ think: "Odd \u0000 byte.", bash: "printf '\\0'", output: "\u0000\u0000" }, { think: "Done.", answer: "0" }]),
      osRow("os_bytes_utf8", "Wie viele Dateien enthält /tmp? 目录 🗂️", [{ think: "Zähle sie 🧮.", answer: "3" }]),
      osRow("os_bytes_surrogate", "A lone \ud83d surrogate?", [{ think: "Broken \udc00 pair.", answer: "2" }]),
    ];
    const report = await importFile(ACTOR, { filePath: writeLines(dir, "os-bytes.jsonl", rows) });
    expect(report.imported).toBe(4);
    const stored = await pool().query<{ external_id: string; text_bytes: string; summed: string }>(
      `select j.external_id, j.text_bytes::text, (select sum(octet_length(t.raw_text)) from turns t where t.trajectory_id = j.id)::text as summed
         from trajectories j where j.external_id like 'os_bytes_%' order by j.external_id`,
    );
    expect(stored.rows).toHaveLength(4);
    for (const row of stored.rows) expect(row.text_bytes, row.external_id).toBe(row.summed);
    expect(Number(stored.rows[0]!.text_bytes)).toBeGreaterThan(300);
  });

  it("leaves the turns' foreign key in force for every other write, and turns has no trigger that replica mode would skip", async () => {
    const triggers = await pool().query("select tgname from pg_trigger where tgrelid = 'turns'::regclass and not tgisinternal");
    expect(triggers.rows, "a trigger on turns would not fire for the import's COPY (batch-writer.ts copyTurns)").toEqual([]);
    const client = await pool().connect();
    try {
      expect((await client.query("show session_replication_role")).rows[0].session_replication_role).toBe("origin");
      await expect(client.query("insert into turns (trajectory_id, index, role, raw_text) values (-1, 0, 'user', 'orphan')")).rejects.toMatchObject({
        code: "23503",
      });
    } finally {
      client.release();
    }
  });

  it("keep the per-row check for a role that may not skip it (not a superuser), and import the same", async () => {
    const role = `importer_${randomBytes(4).toString("hex")}`;
    await pool().query(`create role ${role} login password 'importer'`);
    await pool().query(`grant all on all tables in schema public to ${role}`);
    await pool().query(`grant all on all sequences in schema public to ${role}`);
    const asRole = new URL(databaseUrl());
    asRole.username = role;
    asRole.password = "importer";
    await closeDb();
    process.env.DATABASE_URL = asRole.toString();
    try {
      const rows = [osRow("os_plain_1", "Plain one?", [{ think: "One.", answer: "1" }]), osRow("os_plain_2", "Plain two?", [{ think: "Two.", answer: "2" }])];
      const report = await importFile(ACTOR, { filePath: writeLines(dir, "os-plain-role.jsonl", rows) });
      expect(report.imported).toBe(2);
      const checked = await pool().query<{ n: number }>(
        "select count(*)::int as n from trajectories where external_id like 'os_plain_%' and xmax <> '0'",
      );
      expect(checked.rows[0]!.n).toBe(2);
    } finally {
      await closeDb();
      process.env.DATABASE_URL = databaseUrl();
      await pool().query(`drop owned by ${role}`);
      await pool().query(`drop role ${role}`);
    }
  });
});
