/**
 * De-duplication by the conversation's content only (task + roles + raw
 * texts): the same rows from a release without loss flags are duplicates,
 * reported as "same content, other loss flags" by the import and by the real
 * CLI's --json; stored rows hashed the old way (loss flags included) get the
 * new hash from the migration, and two stored rows that differ only in loss
 * flags are both kept, the later one with a note.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { createFirstAdmin } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import type { TRawTurn } from "@/lib/steps/types";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { importFile } from "./import-file";
import { contentHash } from "./prepare-trajectory";
import { issueSetupCode } from "@/lib/auth/setup-code";

const databaseUrl = useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();

type TRow = ReturnType<typeof osRow>;
const withoutLossFlags = (row: TRow) => ({ id: row.id, conversations: row.conversations.map(({ from, value }) => ({ from, value })) });
const rowD = osRow("os_d", "Which process listens on port 22?", [{ think: "Ask ss.", bash: "ss -ltnp | grep :22", output: "sshd" }, { think: "sshd.", answer: "sshd" }]);
const rowE = osRow("os_e", "How much memory is free?", [{ think: "Ask free.", answer: "1G" }]);
const rowF = osRow("os_f", "Who am I?", [{ think: "Ask whoami.", answer: "root" }]);

/** The hash as stored before issue 12: loss flags included. */
function oldContentHash(task: string, turns: TRawTurn[]): string {
  const hash = createHash("sha256").update(task);
  for (const turn of turns) hash.update(`\u0000${turn.role}\u0000${turn.loss}\u0000`).update(turn.text);
  return hash.digest("hex");
}
const ROLE = { human: "user", gpt: "assistant", system: "system" } as const;
const rawTurns = (row: { conversations: { from: string; value: string; loss?: boolean | null }[] }): TRawTurn[] =>
  row.conversations.map((turn) => ({ role: ROLE[turn.from as keyof typeof ROLE], text: turn.value, loss: turn.loss ?? null }));

describe("de-duplication by content", () => {
  it("the same rows without loss flags are duplicates with their reason, in the report and the CLI's --json", async () => {
    const first = await importFile(ACTOR, { filePath: writeLines(dir, "os-flags.jsonl", [rowD, rowE]), datasetName: "flags" });
    expect(first).toMatchObject({ imported: 2, duplicates: 0 });

    await createFirstAdmin({ email: "admin@lab.org", password: "quartz-lantern-dedup-7731", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
    // Without loss flags the content looks like ShareGPT chat: the user says it is AgentInstruct.
    const file = writeLines(dir, "os-noflags.jsonl", [withoutLossFlags(rowD), rowE, withoutLossFlags(rowE), withoutLossFlags(rowF)]);
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "bin/cli.ts", "import", file, "--format", "agentinstruct", "--json", "--as", "admin@lab.org"], {
      env: { ...process.env, DATABASE_URL: databaseUrl() },
    });
    const report = JSON.parse(stdout.trim().split("\n").at(-1)!);
    const stored = async (externalId: string) =>
      (await pool().query<{ id: string }>("select id::text from trajectories where external_id = $1 order by id", [externalId])).rows.map((r) => r.id);
    const [storedD] = await stored("os_d");
    const [storedE] = await stored("os_e");
    expect(report).toMatchObject({ imported: 1, duplicates: 3, duplicatesOtherLossFlags: 2 });
    expect(report.duplicateRecords).toEqual([
      { line: 1, record: 1, externalId: "os_d", storedId: storedD, reason: "same content, other loss flags" },
      { line: 2, record: 2, externalId: "os_e", storedId: storedE, reason: "same content" },
      { line: 3, record: 3, externalId: "os_e", storedId: storedE, reason: "same content, other loss flags" },
    ]);
    expect(report.message).toMatch(/3 already stored, skipped as duplicates \(2 with the same content and other loss flags\)/);
    expect(await stored("os_d")).toHaveLength(1);
    expect(await stored("os_e")).toHaveLength(1);
    expect(await stored("os_f")).toHaveLength(1);
  }, 60_000);

  it("the hash is task + roles + raw texts as stored, the same in TypeScript and in the migration's SQL", async () => {
    // A NUL byte is stored as U+2400 (PostgreSQL text cannot hold it): the hash is of the stored text.
    const row = osRow("os_nul", "Print a NUL: \u0000 and ünïcödé 🙂", [{ think: "printf.", bash: "printf '\\0'", output: "\u0000\u001b[K" }, { think: "Done.", answer: "ok" }]);
    await importFile(ACTOR, { filePath: writeLines(dir, "os-nul.jsonl", [row]) });
    const stored = await pool().query<{ content_hash: string }>("select content_hash from trajectories where external_id = 'os_nul'");
    expect(stored.rows[0]!.content_hash).toBe(contentHash("os", rawTurns(row)));
    await pool().query("update trajectories set content_hash = 'stale' where external_id = 'os_nul'");
    await applyRehashMigration();
    const after = await pool().query<{ content_hash: string }>("select content_hash from trajectories where external_id = 'os_nul'");
    expect(after.rows[0]!.content_hash).toBe(contentHash("os", rawTurns(row)));
  });

  it("the migration rehashes rows stored the old way, keeps both of two rows that differ only in loss flags, and notes the later one", async () => {
    const rowG = osRow("os_g", "What is the hostname?", [{ think: "Ask hostname.", answer: "box" }]);
    const rowH = osRow("os_h", "What time is it?", [{ think: "Ask date.", answer: "noon" }]);
    // As an old database holds them: G with flags and G without (two old hashes, so both were stored), H once.
    await importFile(ACTOR, { filePath: writeLines(dir, "os-old-1.jsonl", [rowG, rowH]), datasetName: "old-1" });
    const oldHashes = [
      { id: "os_g", dataset: "old-1", hash: oldContentHash("os", rawTurns(rowG)) },
      { id: "os_h", dataset: "old-1", hash: oldContentHash("os", rawTurns(rowH)) },
    ];
    for (const old of oldHashes) await setHash(old.id, old.dataset, old.hash);
    await importFile(ACTOR, { filePath: writeLines(dir, "os-old-2.jsonl", [withoutLossFlags(rowG)]), datasetName: "old-2", format: "agentinstruct" });
    const oldHashOfVariant = oldContentHash("os", rawTurns(withoutLossFlags(rowG)));
    await setHash("os_g", "old-2", oldHashOfVariant);

    await applyRehashMigration();
    const rows = await pool().query<{ id: string; dataset: string; content_hash: string; metadata: Record<string, unknown> }>(
      `select t.id::text, d.name as dataset, t.content_hash, t.metadata from trajectories t join datasets d on d.id = t.dataset_id
        where t.external_id in ('os_g', 'os_h') order by t.id`,
    );
    const [g, h, variant] = rows.rows;
    expect(g).toMatchObject({ dataset: "old-1", content_hash: contentHash("os", rawTurns(rowG)), metadata: {} });
    expect(h).toMatchObject({ dataset: "old-1", content_hash: contentHash("os", rawTurns(rowH)), metadata: {} });
    expect(variant).toMatchObject({
      dataset: "old-2",
      content_hash: oldHashOfVariant,
      metadata: { sameContentAs: g!.id, duplicateReason: "same content, other loss flags" },
    });

    // New imports now de-duplicate against the rehashed rows.
    const again = await importFile(ACTOR, { filePath: writeLines(dir, "os-new.jsonl", [rowG, withoutLossFlags(rowH)]), datasetName: "new", format: "agentinstruct" });
    expect(again).toMatchObject({ imported: 0, duplicates: 2, duplicatesOtherLossFlags: 1 });
    // Running it twice changes nothing.
    await applyRehashMigration();
    const twice = await pool().query("select t.id::text, t.content_hash, t.metadata from trajectories t where t.external_id in ('os_g', 'os_h') order by t.id");
    expect(twice.rows.map((r) => [r.id, r.content_hash, r.metadata])).toEqual(rows.rows.map((r) => [r.id, r.content_hash, r.metadata]));
  });
});

async function setHash(externalId: string, dataset: string, hash: string) {
  await pool().query(
    "update trajectories set content_hash = $3 where external_id = $1 and dataset_id = (select id from datasets where name = $2)",
    [externalId, dataset, hash],
  );
}

async function applyRehashMigration() {
  const migrations = path.resolve("prisma/migrations");
  const sql = readFileSync(path.join(migrations, "20261201150000_content_hash_without_loss_flags", "migration.sql"), "utf8");
  await pool().query(sql);
}
