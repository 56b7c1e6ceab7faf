/**
 * `npm run cli -- export` on a real PostgreSQL, with a small AgentInstruct
 * file of our own: two runs of one db instruction (one accepted, one
 * rejected) give a preference pair; a bad recipe file is refused naming the
 * file and the field.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin } from "@/lib/auth/users";
import { runCli } from "@/bin/cli/run";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";

useTestDatabase();

let dir: string;
const AS = ["--as", "admin@lab.org"];

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const outSpy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((out += String(chunk)), true));
  const errSpy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await runCli([...args, ...AS]), out, err };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}

const DB_PROMPT = "I will ask you a question, then you should help me operate a MySQL database with SQL to answer the question.\nFirst think about it, then answer with\nAction: Operation\n```sql\nSELECT * FROM table WHERE condition;\n```";

function dbRun(id: string, thought: string, sql: string, answer: string, reward: number) {
  return JSON.stringify({
    id,
    reward,
    conversations: [
      { from: "human", value: DB_PROMPT, loss: false },
      { from: "gpt", value: "Ok.", loss: false },
      { from: "human", value: "How many <b>pupils</b> are there?\nThe name of this table is pupils, and the headers of this table are id, name.", loss: null },
      { from: "gpt", value: `${thought}\nAction: Operation\n\`\`\`sql\n${sql}\n\`\`\``, loss: true },
      { from: "human", value: "[(3,)]", loss: null },
      { from: "gpt", value: `The answer is there.\nAction: Answer\nFinal Answer: ["${answer}"]`, loss: true },
    ],
  });
}

beforeAll(async () => {
  process.env.TS_DATA_DIR = await mkdtemp(path.join(tmpdir(), "export-cli-data-"));
  dir = await mkdtemp(path.join(tmpdir(), "export-cli-"));
  await createFirstAdmin({ email: "admin@lab.org", password: "cli test password", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
  const file = path.join(dir, "db.jsonl");
  await writeFile(
    file,
    [
      dbRun("db_1", "I should count the rows of pupils.", "SELECT COUNT(*) FROM pupils;", "3", 1),
      dbRun("db_2", "I will guess from the ids.", "SELECT MAX(id) FROM pupils;", "7", 0),
    ].join("\n") + "\n",
  );
  expect((await cli(["import", file, "--task", "db", "--json"])).code).toBe(0);
  await pool().query(`update trajectories set status = case when external_id = 'db_1' then 'accepted' else 'rejected' end::"TrajectoryStatus"`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(process.env.TS_DATA_DIR!, { recursive: true, force: true });
});

describe("CLI: export", () => {
  it("writes the mix, preference pairs, card and manifest to --out", async () => {
    const recipe = path.join(dir, "recipe.json");
    await writeFile(recipe, JSON.stringify({ formats: ["conversations", "preference"], eta: 1, seed: 5 }));
    const out = path.join(dir, "out");
    const ran = await cli(["export", "--recipe", recipe, "--out", out, "--json"]);
    expect(ran.code, ran.out + ran.err).toBe(0);
    const done = JSON.parse(ran.out.trim().split("\n").at(-1)!);
    expect(done).toMatchObject({ event: "done", state: "finished", samples: 1, preferencePairs: 1 });

    const conversations = (await readFile(path.join(out, "conversations.jsonl"), "utf8")).trim().split("\n");
    expect(conversations.map((line) => JSON.parse(line).id)).toEqual(["db_1"]);
    const pair = JSON.parse((await readFile(path.join(out, "preference.jsonl"), "utf8")).trim());
    expect(pair.prompt.at(-1).content).toContain("How many <b>pupils</b>");
    expect(JSON.stringify(pair.chosen)).toContain("SELECT COUNT(*) FROM pupils;");
    expect(JSON.stringify(pair.rejected)).toContain("SELECT MAX(id) FROM pupils;");

    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.export.createdBy).toBe("admin@lab.org");
    expect(manifest.preferencePairs).toBe(1);
    expect(manifest.files.map((file: { name: string }) => file.name).sort()).toEqual(["README.md", "conversations.jsonl", "preference.jsonl", "samples.jsonl"]);
    expect(await readFile(path.join(out, "README.md"), "utf8")).toMatch(/\| db \| 1 \|/);
    const audit = await pool().query<{ type: string }>("select type from audit_events where type like 'export.%' order by id");
    expect(audit.rows.map((row) => row.type)).toEqual(["export.created", "export.finished"]);
  }, 60_000);

  it("removes the thoughts, and the prompt's request for them, in the without-CoT variant", async () => {
    const recipe = path.join(dir, "no-cot.json");
    await writeFile(recipe, JSON.stringify({ formats: ["conversations"], eta: 1, thoughts: "none" }));
    const out = path.join(dir, "no-cot");
    expect((await cli(["export", "--recipe", recipe, "--out", out])).code).toBe(0);
    const row = JSON.parse((await readFile(path.join(out, "conversations.jsonl"), "utf8")).trim());
    const steps = row.conversations.filter((turn: { from: string }) => turn.from === "gpt").slice(1);
    expect(steps[0].value).toBe("Action: Operation\n```sql\nSELECT COUNT(*) FROM pupils;\n```");
    expect(row.conversations[0].value).not.toMatch(/think/i);
  }, 60_000);

  it("keeps one run per instruction when asked (the one with the higher reward)", async () => {
    const recipe = path.join(dir, "one-per-instruction.json");
    const inclusion = { statuses: ["accepted", "rejected"], passesThreshold: false, onePerInstruction: true };
    await writeFile(recipe, JSON.stringify({ formats: ["conversations", "conversations"], eta: 1, inclusion }));
    const out = path.join(dir, "one");
    expect((await cli(["export", "--recipe", recipe, "--out", out])).code).toBe(0);
    const rows = (await readFile(path.join(out, "conversations.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(rows.map((row) => row.id)).toEqual(["db_1"]);
  }, 60_000);

  it("refuses a bad recipe file naming the file and the field, and stores nothing", async () => {
    const recipe = path.join(dir, "bad.json");
    await writeFile(recipe, JSON.stringify({ shares: { values: { db: 2 } } }));
    const before = await pool().query<{ n: number }>("select count(*)::int as n from exports");
    const ran = await cli(["export", "--recipe", recipe, "--out", path.join(dir, "bad")]);
    expect(ran.code).not.toBe(0);
    expect(ran.err).toContain(`${recipe}: shares.values.db: a share is at most 1`);
    const after = await pool().query<{ n: number }>("select count(*)::int as n from exports");
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
