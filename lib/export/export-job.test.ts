/**
 * Exports as jobs, on the real embedded PostgreSQL with workers as real child
 * processes (scripts/worker.ts): a worker killed with SIGKILL mid-export loses
 * nothing (another worker finishes it with byte-identical files), two workers
 * never run one job at once, a cancel reaches a running export within 2 s and
 * leaves nothing half-written, and a stopping worker hands its job back.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { writeDemoFiles } from "@/demo";
import { cancelExport, createExport, getExport, startExport, type TExport } from "@/lib/export/exports";
import type { TRecipeInput } from "@/lib/export/recipe";
import { runExport } from "@/lib/export/run";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { eventually, settledJob, startTestWorker, type TTestWorker } from "@/testing/workers";
import { getJob, stopJobEngine } from "@/lib/jobs/engine";
import { runCli, type TCliRun } from "@/testing/cli";

const databaseUrl = useTestDatabase();
const ADMIN = systemActor("test");
/** Large enough (with repeats) that writing takes a few seconds, small enough to keep the run short. */
const BIG: TRecipeInput = { formats: ["conversations", "messages"], eta: 1, size: { mode: "total", total: 2_000 }, shares: { whenShort: "replace", maxRepeats: 40 }, seed: 21 };
const SMALL: TRecipeInput = { formats: ["conversations"], seed: 4 };
let dataDir: string;
const workers: TTestWorker[] = [];

function worker(): TTestWorker {
  // One trajectory per round trip: the export takes seconds, so it can be killed or cancelled mid-way.
  const started = startTestWorker({ DATABASE_URL: databaseUrl(), TS_DATA_DIR: dataDir, EXPORT_BATCH_SIZE: "1" });
  workers.push(started);
  return started;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "export-jobs-"));
  process.env.TS_DATA_DIR = dataDir;
  const demo = await writeDemoFiles(path.join(dataDir, "demo"), { perTask: 10, quirks: false, generalRows: 100 });
  for (const file of demo.files) {
    if (file.kind === "testset") continue;
    await importFile(ADMIN, { filePath: file.path, kind: file.kind, ...(file.task ? { task: file.task } : {}) });
  }
  await pool().query(`update trajectories set status = 'accepted'`);
  await createFirstAdmin({ email: "admin@lab.org", password: "cli test password", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
}, 180_000);

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

const shas = (exported: TExport) => Object.fromEntries(exported.files.filter((file) => file.name !== "manifest.json").map((file) => [file.name, file.sha256]));
const partialDir = (id: number) => path.join(dataDir, "exports", `${id}.partial`);

async function finished(id: number, timeoutMs: number): Promise<TExport> {
  return eventually(async () => {
    const current = await getExport(ADMIN, id);
    return ["finished", "failed", "cancelled"].includes(current.state) ? current : undefined;
  }, timeoutMs, `export ${id} to end`);
}

async function writing(id: number, by: TTestWorker): Promise<void> {
  // The first file has bytes on disk while the export still runs: it is half-written.
  await eventually(async () => {
    const staged = await stat(path.join(partialDir(id), "conversations.jsonl")).catch(() => null);
    return (staged?.size ?? 0) > 0 && (await getExport(ADMIN, id)).state === "running";
  }, 60_000, `export ${id} to be writing; its worker said:\n${by.output()}`).catch(async (error: Error) => {
    throw new Error(`${error.message}\nexport: ${JSON.stringify(await getExport(ADMIN, id))}\nworker now:\n${by.output()}`);
  });
}

describe("exports as jobs", () => {
  it("finishes the export of a worker killed with SIGKILL mid-way on another worker, with byte-identical files", async () => {
    const reference = await createExport(ADMIN, { recipe: BIG });
    expect((await runExport(ADMIN, reference.id, { batchSize: 1 })).state).toBe("finished");
    const uninterrupted = await getExport(ADMIN, reference.id);

    const first = worker();
    await first.ready;
    const queued = await startExport(ADMIN, { recipe: BIG });
    await writing(queued.id, first);
    first.child.kill("SIGKILL");
    await first.exited;
    expect((await getExport(ADMIN, queued.id)).state).toBe("running");

    const second = worker();
    await second.ready;
    const done = await finished(queued.id, 90_000);
    expect(done.state, done.error ?? "").toBe("finished");
    expect(shas(done)).toEqual(shas(uninterrupted));
    expect(Object.keys(shas(done)).sort()).toEqual(["README.md", "conversations.jsonl", "messages.jsonl", "samples.jsonl"]);
    // The engine's record: one retry, completed by the second worker.
    const job = await settledJob("export", (await exportJobId(queued.id))!);
    expect(job).toMatchObject({ state: "completed", retryCount: 1 });
    expect(second.output()).toContain(`export job ${job!.id} done`);
    const audit = await pool().query("select 1 from audit_events where type = 'export.finished' and target_id = $1", [String(queued.id)]);
    expect(audit.rowCount).toBe(1);
  }, 180_000);

  it("never runs one job on two workers at once", async () => {
    const pair = [worker(), worker()];
    await Promise.all(pair.map((started) => started.ready));
    const queued = await Promise.all(Array.from({ length: 6 }, () => startExport(ADMIN, { recipe: SMALL })));
    const ended = await Promise.all(queued.map((exported) => finished(exported.id, 60_000)));
    expect(ended.map((exported) => exported.state)).toEqual(queued.map(() => "finished"));
    const log = pair.map((started) => started.output()).join("\n");
    for (const exported of queued) {
      const jobId = (await exportJobId(exported.id))!;
      expect(log.split(`export job ${jobId} started`).length - 1, `starts of job ${jobId}`).toBe(1);
      expect(await settledJob("export", jobId)).toMatchObject({ state: "completed", retryCount: 0 });
    }
    expect(new Set(ended.map((exported) => JSON.stringify(shas(exported)))).size).toBe(1);
  }, 120_000);

  it("reaches a running export with a cancel within 2 seconds and leaves no files", async () => {
    const started = worker();
    await started.ready;
    const queued = await startExport(ADMIN, { recipe: BIG });
    await writing(queued.id, started);
    const cancelledAt = Date.now();
    await cancelExport(ADMIN, queued.id);
    // Reached: the worker dropped the staged files and the drawn samples.
    await eventually(async () => {
      const items = await pool().query("select 1 from export_items where export_id = $1 limit 1", [queued.id]);
      return !existsSync(partialDir(queued.id)) && items.rowCount === 0;
    }, 2_000, "the cancel to reach the export");
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    await eventually(async () => started.output().includes("done"), 5_000, "the worker to end the job");
    expect(existsSync(path.join(dataDir, "exports", String(queued.id)))).toBe(false);
    expect((await getExport(ADMIN, queued.id)).state).toBe("cancelled");
    expect((await getJob("export", (await exportJobId(queued.id))!))?.state).toBe("cancelled");
  }, 120_000);

  it("hands a running export back when its worker is stopped (SIGTERM), and the next worker finishes it", async () => {
    const first = worker();
    await first.ready;
    const queued = await startExport(ADMIN, { recipe: BIG });
    await writing(queued.id, first);
    first.child.kill("SIGTERM");
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toContain("handed back");
    expect(existsSync(partialDir(queued.id))).toBe(false);
    expect((await getExport(ADMIN, queued.id)).state).toBe("queued");
    const second = worker();
    const done = await finished(queued.id, 60_000);
    expect(done.state, done.error ?? "").toBe("finished");
    // The export's record ends in the handler's last transaction; the worker logs "done" just after it returns.
    expect((await settledJob("export", (await exportJobId(queued.id))!)).state).toBe("completed");
    await eventually(async () => second.output().includes("done"), 5_000, "the second worker to log the job done");
  }, 120_000);
});

/** The real CLI as a child process, on this file's database and data dir. */
function cli(args: string[]): Promise<TCliRun> {
  return runCli([...args, "--as", "admin@lab.org"], { DATABASE_URL: databaseUrl(), TS_DATA_DIR: dataDir });
}

describe("CLI: export --queue", () => {
  it("hands the export to the workers, prints its progress and exits 0 once it is done, with the files in --out", async () => {
    const reference = await createExport(ADMIN, { recipe: SMALL });
    expect((await runExport(ADMIN, reference.id)).state).toBe("finished");
    const expected = shas(await getExport(ADMIN, reference.id));
    const started = worker();
    await started.ready;
    const recipe = path.join(dataDir, "small.json");
    await writeFile(recipe, JSON.stringify(SMALL));
    const out = path.join(dataDir, "queued-out");
    const ran = await cli(["export", "--recipe", recipe, "--out", out, "--queue", "--json"]);
    expect(ran.code, ran.out + ran.err).toBe(0);
    const lines = ran.out.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.at(-1)).toMatchObject({ event: "done", state: "finished" });
    // The shared progress output: JSON lines naming the job, in the kind's unit, the last one saying it is done.
    const progress = lines.filter((line) => line.event === "progress");
    const jobId = await exportJobId(lines.at(-1).export);
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) expect(line).toMatchObject({ kind: "export", job: jobId, unit: "samples" });
    expect(progress.at(-1)).toMatchObject({ state: "done", total: 1 * progress.at(-1).done });
    // jobs show --wait follows a job the same way (here: already done) and exits 0.
    const shown = await cli(["jobs", "show", jobId!, "--wait", "--json"]);
    expect(shown.code, shown.out + shown.err).toBe(0);
    const shownLines = shown.out.trim().split("\n").map((line) => JSON.parse(line));
    expect(shownLines[0]).toMatchObject({ event: "progress", kind: "export", job: jobId, state: "done" });
    expect(shownLines.at(-1)).toMatchObject({ id: jobId, kind: "export", state: "done", result: { type: "export", href: `/exports/${lines.at(-1).export}` } });
    // The worker ran it, not the CLI.
    expect(started.output()).toContain(`export job`);
    for (const [name, sha] of Object.entries(expected)) {
      expect(createHash("sha256").update(await readFile(path.join(out, name))).digest("hex"), name).toBe(sha);
    }
  }, 120_000);

  it("exits 1 when the queued export fails, saying why", async () => {
    const started = worker();
    await started.ready;
    const recipe = path.join(dataDir, "missing.json");
    await writeFile(recipe, JSON.stringify({ sources: { agentDatasets: ["nope"] } }));
    const ran = await cli(["export", "--recipe", recipe, "--out", path.join(dataDir, "missing-out"), "--queue"]);
    expect(ran.code).toBe(1);
    expect(ran.out).toMatch(/export \d+ failed: .*no agent dataset named "nope"/);
  }, 120_000);
});

async function exportJobId(exportId: number): Promise<string | null> {
  const rows = await pool().query<{ job_id: string | null }>("select job_id from exports where id = $1", [exportId]);
  return rows.rows[0]?.job_id ?? null;
}
