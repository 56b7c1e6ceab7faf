import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { systemActor } from "@/lib/access/actor";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { importFile } from "./import-file";
import { ImportRequestError } from "./options";

const databaseUrl = useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();
const TERMINAL = "\u001b]0;root@box: /\u0007root@box:/# ls\r\n\u001b[Kbin  etc\r\n";

const rowA = osRow("os_1", "How many users are there?", [
  { think: "List users.", bash: "cat /etc/passwd | wc -l", output: TERMINAL },
  { think: "There are 2.", answer: "2" },
]);
const rowB = osRow("os_2", "What is the kernel version?", [{ think: "Ask uname.", answer: "6.1" }]);
const rowC = osRow("os_3", "Which shell does root use?", [{ think: "It is bash.", answer: "/bin/bash" }]);

async function counts() {
  const result = await pool().query<{ datasets: number; trajectories: number; turns: number }>(
    "select (select count(*) from datasets)::int as datasets, (select count(*) from trajectories)::int as trajectories, (select count(*) from turns)::int as turns",
  );
  return result.rows[0]!;
}

describe("importFile against PostgreSQL", () => {
  it("imports good rows, names bad lines, and keeps raw text byte for byte", async () => {
    const file = writeLines(dir, "os-run.jsonl", [rowA, rowB, "{not json", { id: "os_9", conversations: [] }]);
    const report = await importFile(ACTOR, { filePath: file });

    expect(report.imported).toBe(2);
    expect(report.skipped).toBe(2);
    expect(report.errors.map((error) => error.line)).toEqual([3, 4]);
    expect(report.errors[1]!.message).toMatch(/empty/);
    expect(report.dataset?.name).toBe("os-run");

    const trajectories = await pool().query("select external_id, task, instruction, turn_count from trajectories order by external_id");
    expect(trajectories.rows).toEqual([
      { external_id: "os_1", task: "os", instruction: "How many users are there?", turn_count: 10 },
      { external_id: "os_2", task: "os", instruction: "What is the kernel version?", turn_count: 8 },
    ]);
    const observation = await pool().query("select raw_text, role from turns t join trajectories j on j.id = t.trajectory_id where j.external_id = 'os_1' and t.index = 8");
    expect(observation.rows[0]).toEqual({ raw_text: `The output of the OS:\n${TERMINAL}`, role: "observation" });
    const dataset = await pool().query("select id, trajectory_count, turn_count, error_count from datasets where name = 'os-run'");
    expect(dataset.rows[0]).toMatchObject({ trajectory_count: 2, turn_count: 18, error_count: 2 });
    const audit = await pool().query("select type, actor_label, target_id from audit_events where type = 'dataset.imported'");
    expect(audit.rows).toEqual([{ type: "dataset.imported", actor_label: "test", target_id: String(dataset.rows[0].id) }]);
  });

  it("says so when the same file is imported twice, and writes nothing", async () => {
    const before = await counts();
    const report = await importFile(ACTOR, { filePath: path.join(dir, "os-run.jsonl") });
    expect(report.imported).toBe(0);
    expect(report.alreadyImportedAs?.name).toBe("os-run");
    expect(report.message).toMatch(/already imported/);
    expect(await counts()).toEqual(before);
  });

  it("skips trajectories already stored under another file as duplicates", async () => {
    const file = writeLines(dir, "os-more.jsonl", [rowB, rowC, rowC]);
    const report = await importFile(ACTOR, { filePath: file, datasetName: "more" });
    expect(report).toMatchObject({ imported: 1, duplicates: 2 });
  });

  it("refuses a dataset name that is taken, naming the parameter", async () => {
    const file = writeLines(dir, "other.jsonl", [osRow("os_4", "Uptime?", [{ think: "t", answer: "1" }])]);
    await expect(importFile(ACTOR, { filePath: file, datasetName: "more" })).rejects.toThrow(/--dataset/);
  });

  it("under strict, fails on the first bad line and stores nothing", async () => {
    const before = await counts();
    const file = writeLines(dir, "strict.jsonl", [osRow("os_5", "Disk usage?", [{ think: "t", answer: "1" }]), "[1, 2"]);
    await expect(importFile(ACTOR, { filePath: file, strict: true })).rejects.toThrow(ImportRequestError);
    await expect(importFile(ACTOR, { filePath: file, strict: true })).rejects.toThrow(/line 2/);
    expect(await counts()).toEqual(before);
    const audit = await pool().query("select count(*)::int as n from audit_events where type = 'dataset.imported'");
    expect(audit.rows[0].n).toBe(2); // the two successful imports above, none for this failed one
  });

  it("a cancelled import leaves no dataset and no rows", async () => {
    const before = await counts();
    const file = await bigFile("cancel.jsonl", 3000);
    const controller = new AbortController();
    const importing = importFile(
      ACTOR,
      { filePath: file },
      { signal: controller.signal, onProgress: (progress) => progress.imported > 0 && controller.abort() },
    );
    await expect(importing).rejects.toThrow(/cancelled/);
    expect(await counts()).toEqual(before);
  });

  it("a killed import process leaves no dataset and no rows", async () => {
    const before = await counts();
    const file = await bigFile("killed.jsonl", 20000);
    const child = spawn(process.execPath, ["--import", "tsx", "testing/import-child.ts", file], {
      env: { ...process.env, DATABASE_URL: databaseUrl() },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (/imported [1-9]/.test(chunk.toString())) resolve();
      });
      child.on("exit", () => reject(new Error("the import finished before it could be killed")));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    await expect.poll(counts, { timeout: 10_000 }).toEqual(before);
  });
});

async function bigFile(name: string, rows: number): Promise<string> {
  const file = path.join(dir, name);
  const out = createWriteStream(file);
  for (let i = 0; i < rows; i += 1) {
    const row = osRow(`os_${name}_${i}`, `Question ${i}: ${"how many files ".repeat(20)}`, [
      { think: `Look ${i}.`, bash: `ls /tmp/${i}`, output: "x ".repeat(400) },
      { think: "Done.", answer: String(i) },
    ]);
    if (!out.write(`${JSON.stringify(row)}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return file;
}

