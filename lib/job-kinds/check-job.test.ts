/**
 * A contamination check as one job (what its pages follow through the shared
 * progress): the check's own state and trajectories, whichever range runs, on
 * the real PostgreSQL with a real worker process.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { writeDemoFiles } from "@/demo";
import { createRun } from "@/lib/contamination/run";
import { importFile } from "@/lib/import/import-file";
import { stopJobEngine } from "@/lib/jobs/engine";
import { importTestSet } from "@/lib/testsets/import";
import { useTestDatabase } from "@/testing/database";
import { eventually, startTestWorker } from "@/testing/workers";
import { checkAsJob } from "./check-job";
import { cancelJobById } from "./jobs";

const databaseUrl = useTestDatabase();
const ACTOR = systemActor("test");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "check-job-"));
  process.env.CONTAMINATION_RANGE_TRAJECTORIES = "10";
  const demo = await writeDemoFiles(path.join(dir, "demo"), { perTask: 10, quirks: false, generalRows: 10 });
  for (const file of demo.files) {
    if (file.kind === "testset") continue;
    await importFile(ACTOR, { filePath: file.path, kind: file.kind, ...(file.task ? { task: file.task } : {}) });
  }
  await importTestSet(ACTOR, demo.files.find((file) => file.kind === "testset")!.path, { name: "demo", task: "mixed", fields: ["question"] });
}, 120_000);

afterAll(async () => {
  delete process.env.CONTAMINATION_RANGE_TRAJECTORIES;
  await stopJobEngine();
  await rm(dir, { recursive: true, force: true });
});

describe("checkAsJob", () => {
  it("is null for a check run in its own process (no range jobs)", async () => {
    const run = await createRun(ACTOR, "demo");
    expect(await checkAsJob(ACTOR, run.id)).toBeNull();
  });

  it("follows a queued check across its ranges: queued with the check's total, then done with all of it", async () => {
    const run = await createRun(ACTOR, "demo", {}, { queue: true });
    expect(run.totalRanges).toBeGreaterThan(1);
    const queued = await checkAsJob(ACTOR, run.id);
    expect(queued).toMatchObject({
      kind: "contamination",
      state: "queued",
      progress: { done: 0, total: run.totalTrajectories, unit: "trajectories" },
      result: { type: "contamination_run", id: run.id, href: `/contamination/runs/${run.id}` },
    });

    const worker = startTestWorker({ DATABASE_URL: databaseUrl(), TS_DATA_DIR: dir });
    try {
      const done = await eventually(async () => {
        const job = await checkAsJob(ACTOR, run.id);
        return job?.state === "done" ? job : undefined;
      }, 60_000, `check ${run.id} to be done; the worker said:\n${worker.output()}`);
      expect(done.progress).toEqual({ done: run.totalTrajectories, total: run.totalTrajectories, unit: "trajectories" });
      expect(done.finishedAt).not.toBeNull();
    } finally {
      worker.child.kill("SIGKILL");
      await worker.exited;
    }
  }, 90_000);

  it("cancelling the job it shows cancels the whole check", async () => {
    const run = await createRun(ACTOR, "demo", {}, { queue: true });
    const job = (await checkAsJob(ACTOR, run.id))!;
    await cancelJobById(ACTOR, job.id);
    expect(await checkAsJob(ACTOR, run.id)).toMatchObject({ state: "cancelled", progress: { done: 0, total: run.totalTrajectories } });
  });
});
