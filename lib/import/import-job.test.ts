/**
 * Imports as jobs, on the real embedded PostgreSQL with workers as real child
 * processes (scripts/worker.ts): a worker killed with SIGKILL mid-import loses nothing (another
 * worker imports the file, with the same rows as an uninterrupted import); a
 * cancel reaches a running import within 2 s and leaves nothing; the stored
 * upload is removed when the job ends.
 */
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin } from "@/lib/auth/users";
import { deleteDataset } from "@/lib/datasets/delete-dataset";
import { pool } from "@/lib/db/client";
import { cancelJobById, getJobById, type TJob } from "@/lib/job-kinds/jobs";
import { getJob, stopJobEngine } from "@/lib/jobs/engine";
import { useTestDatabase } from "@/testing/database";
import { osRow } from "@/testing/fixtures";
import { eventually, startTestWorker, type TTestWorker } from "@/testing/workers";
import { importFile } from "./import-file";
import type { TImportJobOutput } from "./import-job";
import { queueImport } from "./queue-import";
import { runCli, type TCliRun } from "@/testing/cli";

const databaseUrl = useTestDatabase();
const ADMIN = systemActor("test");
let dataDir: string;
let bigFile: string;
const workers: TTestWorker[] = [];

function worker(): TTestWorker {
  const started = startTestWorker({ DATABASE_URL: databaseUrl(), TS_DATA_DIR: dataDir });
  workers.push(started);
  return started;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "import-jobs-"));
  process.env.TS_DATA_DIR = dataDir;
  bigFile = await writeBigFile(path.join(dataDir, "os-big.jsonl"), 20_000);
  await createFirstAdmin({ email: "admin@lab.org", password: "cli test password", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
}, 120_000);

afterEach(async () => {
  for (const started of workers.splice(0)) {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill("SIGKILL");
    await started.exited;
  }
});

afterAll(async () => {
  await stopJobEngine();
  await rm(dataDir, { recursive: true, force: true });
});

/** What an import stored: row counts and the content hashes of its trajectories and turns. */
async function stored() {
  const rows = await pool().query(
    `select (select count(*) from datasets)::int as datasets,
            (select count(*) from trajectories)::int as trajectories,
            (select count(*) from turns)::int as turns,
            (select md5(coalesce(string_agg(content_hash, ',' order by content_hash), '')) from trajectories) as trajectory_hashes,
            (select md5(coalesce(string_agg(md5(raw_text), ',' order by md5(raw_text)), '')) from turns) as turn_texts`,
  );
  return rows.rows[0] as Record<string, unknown>;
}

const importsAudited = async () => (await pool().query("select count(*)::int as n from audit_events where type = 'dataset.imported'")).rows[0].n as number;

const uploads = async () => (existsSync(path.join(dataDir, "uploads")) ? await readdir(path.join(dataDir, "uploads")) : []);

async function ended(jobId: string, timeoutMs: number): Promise<TJob> {
  return eventually(async () => {
    const job = await getJobById(ADMIN, jobId);
    return ["done", "failed", "cancelled"].includes(job.state) ? job : undefined;
  }, timeoutMs, `import job ${jobId} to end`);
}

async function midway(jobId: string, by: TTestWorker): Promise<void> {
  await eventually(async () => {
    const job = await getJobById(ADMIN, jobId);
    return job.state === "running" && (job.progress?.done ?? 0) > 0 && job.progress!.done < (job.progress!.total ?? 0);
  }, 60_000, `import job ${jobId} to be mid-way; its worker said:\n${by.output()}`);
}

const queue = (file: string) => queueImport(ADMIN, createReadStream(file), { fileName: path.basename(file) });

describe("imports as jobs", () => {
  it("finishes the import of a worker killed with SIGKILL mid-way on another worker, storing what an uninterrupted import stores", async () => {
    const reference = await importFile(ADMIN, { filePath: bigFile });
    const uninterrupted = await stored();
    await deleteDataset(ADMIN, reference.dataset!.id);
    const empty = await stored();
    const audited = await importsAudited();

    const first = worker();
    await first.ready;
    const { jobId } = await queue(bigFile);
    await midway(jobId, first);
    first.child.kill("SIGKILL");
    await first.exited;
    // The killed attempt's transaction died with its connection: nothing of it is stored.
    await eventually(async () => JSON.stringify(await stored()) === JSON.stringify(empty), 10_000, "the killed import to roll back").catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await stored())} vs ${JSON.stringify(empty)}`);
    });

    const second = worker();
    await second.ready;
    const job = await ended(jobId, 120_000);
    expect(job.state, job.error ?? "").toBe("done");
    expect(await stored()).toEqual(uninterrupted);
    expect(await importsAudited()).toBe(audited + 1);
    expect((job.output as TImportJobOutput).report).toMatchObject({ imported: reference.imported, turns: reference.turns, skipped: 0 });
    expect(await getJob("import", jobId)).toMatchObject({ state: "completed", retryCount: 1 });
    expect(second.output()).toContain(`import job ${jobId} done`);
    expect(await uploads()).toEqual([]);
  }, 240_000);

  it("reaches a running import with a cancel within 2 seconds and leaves nothing", async () => {
    const before = await stored();
    const started = worker();
    await started.ready;
    const { jobId, uploadId } = await queue(await writeBigFile(path.join(dataDir, "os-cancel.jsonl"), 20_000, "cancel"));
    await midway(jobId, started);
    const cancelledAt = Date.now();
    expect((await cancelJobById(ADMIN, jobId)).state).toBe("cancelled");
    // Reached: the worker rolled back and dropped the stored upload.
    await eventually(async () => !(await uploads()).includes(`${uploadId}.upload`), 2_000, "the cancel to reach the import");
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    await eventually(async () => started.output().includes(`import job ${jobId} done`), 5_000, "the worker to end the job");
    expect(await stored()).toEqual(before);
    expect((await getJob("import", jobId))?.state).toBe("cancelled");
  }, 120_000);
});

describe("CLI: import --queue", () => {
  it("hands the file to the workers, prints its progress and the report, and exits 0 once done", async () => {
    const started = worker();
    await started.ready;
    const file = await writeBigFile(path.join(dataDir, "os-cli.jsonl"), 3_000, "cli");
    const ran = await cli(["import", file, "--queue", "--json"]);
    expect(ran.code, ran.out + ran.err).toBe(0);
    const lines = ran.out.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    // The shared progress output of every --queue: the job, in bytes, the last reading done with all of them.
    const progress = lines.filter((line) => line.event === "progress");
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) expect(line).toMatchObject({ kind: "import", unit: "bytes" });
    expect(progress.at(-1)).toMatchObject({ state: "done", done: progress.at(-1)!.total });
    expect(lines.at(-1)).toMatchObject({ dataset: "os-cli", imported: 3_000 });
    expect(started.output()).toMatch(/import job \S+ done/);
    expect(await uploads()).toEqual([]);
  }, 120_000);
});

/** The real CLI as a child process, on this file's database and data dir. */
function cli(args: string[]): Promise<TCliRun> {
  return runCli([...args, "--as", "admin@lab.org"], { DATABASE_URL: databaseUrl(), TS_DATA_DIR: dataDir });
}

/** Big enough that importing takes seconds, so a worker can be caught mid-way. */
async function writeBigFile(file: string, rows: number, tag = "big"): Promise<string> {
  const out = createWriteStream(file);
  for (let i = 0; i < rows; i += 1) {
    const row = osRow(`os_${tag}_${i}`, `Question ${tag} ${i}: ${"how many files ".repeat(20)}`, [
      { think: `Look ${i}.`, bash: `ls /tmp/${i}`, output: "x ".repeat(400) },
      { think: "Done.", answer: String(i) },
    ]);
    if (!out.write(`${JSON.stringify(row)}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return file;
}
