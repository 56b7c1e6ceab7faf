/**
 * Contamination checks as jobs, on the real embedded PostgreSQL with workers
 * as real child processes (scripts/worker.ts): every range of a queued check
 * is a job. A worker killed with SIGKILL mid-check loses only its unfinished
 * range (another worker finishes the check with the same labels as an
 * uninterrupted run), two workers never run the same range at once and the
 * run is finished exactly once, and a cancel reaches a running check within
 * 2 s leaving nothing half-written.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { writeDemoFiles } from "@/demo";
import { importFile } from "@/lib/import/import-file";
import { JOBS_SCHEMA, stopJobEngine } from "@/lib/jobs/engine";
import { importTestSet } from "@/lib/testsets/import";
import { useTestDatabase } from "@/testing/database";
import { eventually, startTestWorker, type TTestWorker } from "@/testing/workers";
import { cancelRun, createRun, getRun, workRun, type TRun } from "./run";
import { runCli, type TCliRun } from "@/testing/cli";

const databaseUrl = useTestDatabase();
const ACTOR = systemActor("test");
/** Small ranges scanned a few turns per round trip: a check takes seconds, so it can be killed or cancelled mid-way. */
const SLOW = { CONTAMINATION_TURN_BATCH: "2" };
let dir: string;
const workers: TTestWorker[] = [];

function worker(env: Record<string, string> = {}): TTestWorker {
  const started = startTestWorker({ DATABASE_URL: databaseUrl(), TS_DATA_DIR: dir, ...SLOW, ...env });
  workers.push(started);
  return started;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "contamination-jobs-"));
  process.env.TS_DATA_DIR = dir;
  process.env.CONTAMINATION_RANGE_TRAJECTORIES = "4";
  const demo = await writeDemoFiles(path.join(dir, "demo"), { perTask: 30, quirks: false, generalRows: 20 });
  for (const file of demo.files) {
    if (file.kind === "testset") continue;
    await importFile(ACTOR, { filePath: file.path, kind: file.kind, ...(file.task ? { task: file.task } : {}) });
  }
  await importTestSet(ACTOR, demo.files.find((file) => file.kind === "testset")!.path, { name: "demo", task: "mixed", fields: ["question"] });
  await createFirstAdmin({ email: "admin@lab.org", password: "cli test password", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
}, 180_000);

afterEach(async () => {
  for (const started of workers.splice(0)) {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill("SIGKILL");
    await started.exited;
  }
});

afterAll(async () => {
  delete process.env.CONTAMINATION_RANGE_TRAJECTORIES;
  await stopJobEngine();
  await rm(dir, { recursive: true, force: true });
});

/** What a run decided: every item's label and contaminated tokens, every compared trajectory's label and rate (bigint ids come as strings). */
async function labelsOf(runId: number) {
  const items = await pool().query(`select position, label, contaminated, rate from contamination_item_results where run_id = $1 order by position`, [runId]);
  const trajectories = await pool().query(`select trajectory_id, label, rate from contamination_trajectory_results where run_id = $1 order by trajectory_id`, [runId]);
  return { items: items.rows, trajectories: trajectories.rows };
}

/** The labels the trajectories table shows (written when a run finishes). */
async function tableLabels() {
  const rows = await pool().query(
    `select t.id::text, c.label as contamination_label, c.rate as contamination_rate
       from trajectories t left join trajectory_contamination c on c.trajectory_id = t.id order by t.id`,
  );
  return rows.rows;
}

let reference: Awaited<ReturnType<typeof labelsOf>> | undefined;
/** An uninterrupted run in this process, once. */
async function uninterrupted() {
  if (!reference) {
    const run = await workRun(ACTOR, (await createRun(ACTOR, "demo")).id);
    expect(run.state).toBe("finished");
    reference = await labelsOf(run.id);
    expect(reference.items.some((item) => item.label === "dirty")).toBe(true);
  }
  return reference;
}

async function ended(runId: number, timeoutMs: number): Promise<TRun> {
  return eventually(async () => {
    const run = await getRun(ACTOR, runId);
    return run.state === "running" ? undefined : run;
  }, timeoutMs, `run ${runId} to end`);
}

type TJobRow = { id: string; state: string; retry_count: number; range_id: number; output: Record<string, unknown> | null };
/** The engine's records of a run's range jobs. */
async function jobsOf(runId: number): Promise<TJobRow[]> {
  const rows = await pool().query<TJobRow>(
    `select id::text, state::text, retry_count, (data->>'rangeId')::int as range_id, output from ${JOBS_SCHEMA}.job
      where name = 'contamination' and (data->>'runId')::int = $1 order by range_id`,
    [runId],
  );
  return rows.rows;
}

async function rangesOf(runId: number) {
  const rows = await pool().query<{ id: number; state: string }>(`select id, state from contamination_run_ranges where run_id = $1 order by id`, [runId]);
  return rows.rows;
}

/** Waits until some ranges are done and one is being scanned: the check is mid-way. */
async function midway(runId: number, by: TTestWorker): Promise<number> {
  return eventually(async () => {
    const ranges = await rangesOf(runId);
    const running = ranges.find((range) => range.state === "running");
    return running && ranges.some((range) => range.state === "done") ? running.id : undefined;
  }, 60_000, `run ${runId} to be mid-way; the worker said:\n${by.output()}`);
}

describe("contamination checks as jobs", () => {
  it("plans many ranges, each a job enqueued with the run", async () => {
    const run = await createRun(ACTOR, "demo", {}, { queue: true });
    const jobs = await jobsOf(run.id);
    expect(run.totalRanges).toBeGreaterThan(10);
    expect(jobs.map((job) => job.range_id)).toEqual((await rangesOf(run.id)).map((range) => range.id));
    expect(jobs.every((job) => job.state === "created")).toBe(true);
    await cancelRun(ACTOR, run.id);
    expect((await jobsOf(run.id)).every((job) => job.state === "cancelled")).toBe(true);
  });

  it("finishes the check of a worker killed with SIGKILL mid-range on another worker, with the same labels", async () => {
    const expected = await uninterrupted();
    const first = worker();
    await first.ready;
    const run = await createRun(ACTOR, "demo", {}, { queue: true });
    const cutRange = await midway(run.id, first);
    first.child.kill("SIGKILL");
    await first.exited;
    const before = await rangesOf(run.id);
    const doneBefore = before.filter((range) => range.state === "done").map((range) => range.id);
    expect(doneBefore.length).toBeGreaterThan(0);
    expect(doneBefore.length).toBeLessThan(before.length);

    const second = worker();
    await second.ready;
    const done = await ended(run.id, 120_000);
    expect(done.state, `${done.error}\n${second.output()}`).toBe("finished");
    expect(await labelsOf(run.id)).toEqual(expected);
    // Each range committed once: the count of done ranges is exact.
    expect(done.doneRanges).toBe(done.totalRanges);
    expect(done.doneTrajectories).toBe(done.totalTrajectories);
    const jobs = await settledJobsOf(run.id);
    expect(jobs.every((job) => job.state === "completed")).toBe(true);
    // Finished ranges were kept: the second worker ran none of the jobs the first had completed.
    const log = second.output();
    for (const job of jobs.filter((j) => doneBefore.includes(j.range_id) && j.retry_count === 0)) expect(log).not.toContain(`contamination job ${job.id} started`);
    // The range cut off was scanned again by the second worker: its job's retry.
    const cut = jobs.find((job) => job.range_id === cutRange)!;
    expect(cut.retry_count).toBe(1);
    expect(log).toContain(`contamination job ${cut.id} started (attempt 2)`);
    expect(await tableLabelsOfRun(run.id)).toEqual(expected.trajectories.map((t) => [t.trajectory_id, t.label]));
  }, 240_000);

  it("shares a check between two workers: no range runs twice or at once, and the run finishes exactly once", async () => {
    const expected = await uninterrupted();
    const pair = [worker({ WORKER_CONCURRENCY: "2" }), worker({ WORKER_CONCURRENCY: "2" })];
    await Promise.all(pair.map((started) => started.ready));
    const run = await createRun(ACTOR, "demo", {}, { queue: true });
    const done = await ended(run.id, 120_000);
    expect(done.state, done.error ?? "").toBe("finished");
    expect(await labelsOf(run.id)).toEqual(expected);
    expect(done.doneRanges).toBe(done.totalRanges);
    const jobs = await settledJobsOf(run.id);
    // One job per range, each run once: completed at its first attempt and started once in the workers' logs.
    expect(new Set(jobs.map((job) => job.range_id)).size).toBe(done.totalRanges);
    expect(jobs.length).toBe(done.totalRanges);
    const log = pair.map((started) => started.output()).join("\n");
    for (const job of jobs) {
      expect(job).toMatchObject({ state: "completed", retry_count: 0 });
      expect(log.split(`contamination job ${job.id} started`).length - 1, `starts of job ${job.id}`).toBe(1);
    }
    // Both workers took ranges.
    for (const started of pair) expect(started.output()).toContain("contamination job");
    // Exactly one range job finished the run, and it was audited once.
    expect(jobs.filter((job) => job.output?.finishedRun === true)).toHaveLength(1);
    const audit = await pool().query(`select 1 from audit_events where type = 'contamination.run_finished' and target_id = $1`, [String(run.id)]);
    expect(audit.rowCount).toBe(1);
  }, 240_000);

  it("reaches a running check with a cancel within 2 seconds and leaves nothing half-written", async () => {
    await uninterrupted();
    const labelsBefore = await tableLabels();
    const started = worker();
    await started.ready;
    const run = await createRun(ACTOR, "demo", {}, { queue: true });
    const scanning = await midway(run.id, started);
    const job = (await jobsOf(run.id)).find((j) => j.range_id === scanning)!;
    const cancelledAt = Date.now();
    await cancelRun(ACTOR, run.id);
    // Reached: the worker ended the job of the range it was scanning.
    await eventually(async () => started.output().includes(`contamination job ${job.id} done`), 2_000, `the cancel to reach job ${job.id}:\n${started.output()}`);
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await getRun(ACTOR, run.id);
    expect(after.state).toBe("cancelled");
    expect(after.doneRanges).toBeLessThan(after.totalRanges);
    // Nothing half-written: results only for ranges committed whole, no item results, the labels untouched.
    const stray = await pool().query(
      `select 1 from contamination_trajectory_results r where r.run_id = $1 and not exists
         (select 1 from contamination_run_ranges g where g.run_id = r.run_id and g.state = 'done' and r.trajectory_id between g.from_id and g.to_id)`,
      [run.id],
    );
    expect(stray.rowCount).toBe(0);
    const done = await pool().query<{ n: number }>(`select count(*)::int as n from contamination_run_ranges where run_id = $1 and state = 'done'`, [run.id]);
    expect(done.rows[0]!.n).toBe(after.doneRanges);
    expect((await pool().query(`select 1 from contamination_item_results where run_id = $1`, [run.id])).rowCount).toBe(0);
    expect(await tableLabels()).toEqual(labelsBefore);
    const jobs = await jobsOf(run.id);
    expect(jobs.some((j) => j.state === "active" || j.state === "created")).toBe(false);
  }, 240_000);
});

/**
 * The run's range jobs once the engine has settled them all. A run is finished
 * when its last range commits; the engine marks that range's job completed a
 * moment later, after the handler returns.
 */
async function settledJobsOf(runId: number): ReturnType<typeof jobsOf> {
  return eventually(async () => {
    const jobs = await jobsOf(runId);
    return jobs.some((job) => job.state === "created" || job.state === "active" || job.state === "retry") ? undefined : jobs;
  }, 15_000, `the range jobs of run ${runId} to settle`);
}

/** The trajectories table's labels for a run's compared trajectories (the run finished last, so it labels them). */
async function tableLabelsOfRun(runId: number) {
  const rows = await pool().query<{ id: string; contamination_label: string | null }>(
    `select t.id::text, c.label as contamination_label
       from trajectories t join contamination_trajectory_results r on r.trajectory_id = t.id and r.run_id = $1
       left join trajectory_contamination c on c.trajectory_id = t.id
      order by t.id`,
    [runId],
  );
  return rows.rows.map((row) => [row.id, row.contamination_label]);
}

/** The real CLI as a child process, on this file's database and data dir. */
function cli(args: string[]): Promise<TCliRun> {
  return runCli([...args, "--as", "admin@lab.org"], { DATABASE_URL: databaseUrl(), TS_DATA_DIR: dir });
}

describe("CLI: contamination run --queue", () => {
  it("hands the ranges to the workers, prints progress and exits 0 once the check is done, with the same labels", async () => {
    const expected = await uninterrupted();
    const started = worker({ CONTAMINATION_TURN_BATCH: "4000" });
    await started.ready;
    const ran = await cli(["contamination", "run", "--testset", "demo", "--queue", "--json"]);
    expect(ran.code, ran.out + ran.err).toBe(0);
    const lines = ran.out.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.at(-1)).toMatchObject({ event: "done", state: "finished" });
    // The shared progress output of every --queue: the check as one job, in trajectories, the last reading done with all of them.
    const progress = lines.filter((line) => line.event === "progress");
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) expect(line).toMatchObject({ kind: "contamination", unit: "trajectories" });
    expect(progress.at(-1)).toMatchObject({ state: "done", done: progress.at(-1).total });
    expect(started.output()).toContain("contamination job");
    expect(await labelsOf(lines.at(-1).run)).toEqual(expected);
  }, 120_000);

  it("no longer has `contamination join`", async () => {
    const ran = await cli(["contamination", "join", "1"]);
    expect(ran.code).not.toBe(0);
    expect(ran.err).toContain("no `join`");
  }, 60_000);
});
