/**
 * Demo seeding as a job: `npm start` queues it on an empty database and a real
 * worker process (scripts/worker.ts) loads it; an attempt after a crash skips
 * the files already imported, so the result equals an uninterrupted seeding;
 * it is queued once only.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { sha256File } from "@/lib/import/file-hash";
import { importFile } from "@/lib/import/import-file";
import { getJobById } from "@/lib/job-kinds/jobs";
import { stopJobEngine } from "@/lib/jobs/engine";
import { useTestDatabase } from "@/testing/database";
import { eventually, startTestWorker } from "@/testing/workers";
import { DEMO_DEFAULTS, writeDemoFiles } from "./generate";
import { queueDemoIfEmpty } from "./seed";

const databaseUrl = useTestDatabase();
const SIZE = { perTask: 4, generalRows: 6 };
const ADMIN = systemActor("test");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "demo-seed-job-"));
});

afterAll(async () => {
  await stopJobEngine();
  await rm(dir, { recursive: true, force: true });
});

const stored = async () =>
  (await pool().query(`select d.name, d.is_demo, d.sha256, count(t.id)::int as trajectories from datasets d left join trajectories t on t.dataset_id = d.id
                        group by d.id order by d.name`)).rows;

describe("demo seeding as a job", () => {
  it("is queued on an empty database, run by a worker (resuming after the files a crashed attempt imported), and queued once only", async () => {
    // the files the job writes: the seeded demo always adds the TripDesk tool-calling dataset
    const { files } = await writeDemoFiles(path.join(dir, "files"), { ...SIZE, toolRows: DEMO_DEFAULTS.toolRows });
    const datasets = files.filter((file) => file.kind !== "testset");
    // What a killed earlier attempt left: the first file imported, the rest not. (Queued before it, as start.ts would.)
    const jobId = (await queueDemoIfEmpty(SIZE))!;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const first = datasets[0]!;
    await importFile(systemActor("demo"), { filePath: first.path, datasetName: first.name, kind: first.kind === "general" ? "general" : "agent", task: first.task, isDemo: true });

    const worker = startTestWorker({ DATABASE_URL: databaseUrl(), TS_DATA_DIR: dir });
    try {
      const job = await eventually(async () => {
        const read = await getJobById(ADMIN, jobId);
        return read.state === "done" || read.state === "failed" ? read : undefined;
      }, 90_000, `the demo job to end; the worker said:\n${worker.output()}`);
      expect(job, worker.output()).toMatchObject({ kind: "demo-seed", state: "done", progress: { done: datasets.length, total: datasets.length, unit: "files" } });
      expect(worker.output()).toMatch(/demo-seed job \S+ done/);
    } finally {
      worker.child.kill("SIGKILL");
      await worker.exited;
    }

    // Every demo file imported exactly once, as demo data: what an uninterrupted seeding stores.
    const after = await stored();
    expect(after.map((row) => row.name)).toEqual(datasets.map((file) => file.name).sort());
    expect(after.map((row) => row.sha256).sort()).toEqual((await Promise.all(datasets.map((file) => sha256File(file.path)))).sort());
    expect(after.every((row) => row.is_demo && row.trajectories > 0)).toBe(true);
    const imports = await pool().query("select count(*)::int as n from audit_events where type = 'dataset.imported'");
    expect(imports.rows[0].n).toBe(datasets.length);
    expect(await queueDemoIfEmpty(SIZE)).toBeNull();
  }, 120_000);
});
