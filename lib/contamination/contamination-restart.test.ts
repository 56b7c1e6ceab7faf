/**
 * A PostgreSQL restart while a queued check runs: its own embedded server on
 * its own port (never the suite's shared one), stopped and started again
 * mid-check. The worker reconnects, its cut-off range is retried, and the
 * check finishes with the same labels as an uninterrupted run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { closeDb, pool } from "@/lib/db/client";
import { ensureEmbeddedPostgres, type TEmbeddedServer } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { writeDemoFiles } from "@/demo";
import { importFile } from "@/lib/import/import-file";
import { stopJobEngine } from "@/lib/jobs/engine";
import { importTestSet } from "@/lib/testsets/import";
import { eventually, startTestWorker, type TTestWorker } from "@/testing/workers";
import { createRun, getRun, workRun } from "./run";

const ACTOR = systemActor("test");
/** RESTART_TEST_PG_PORT, or two above the suite's TEST_PG_PORT. */
const PORT = Number(process.env.RESTART_TEST_PG_PORT ?? Number(process.env.TEST_PG_PORT ?? 54330) + 2);
const DATA_DIR = path.resolve(`.data/test-restart-${PORT}`);
let server: TEmbeddedServer;
let dir: string;
let started: TTestWorker | undefined;

const startServer = () => ensureEmbeddedPostgres({ dataDir: DATA_DIR, port: PORT });

beforeAll(async () => {
  await rm(DATA_DIR, { recursive: true, force: true });
  server = await startServer();
  await applyMigrations(server.url);
  process.env.DATABASE_URL = server.url;
  process.env.CONTAMINATION_RANGE_TRAJECTORIES = "4";
  dir = await mkdtemp(path.join(tmpdir(), "contamination-restart-"));
  process.env.TS_DATA_DIR = dir;
  const demo = await writeDemoFiles(path.join(dir, "demo"), { perTask: 30, quirks: false, generalRows: 20 });
  for (const file of demo.files) {
    if (file.kind === "testset") continue;
    await importFile(ACTOR, { filePath: file.path, kind: file.kind, ...(file.task ? { task: file.task } : {}) });
  }
  await importTestSet(ACTOR, demo.files.find((file) => file.kind === "testset")!.path, { name: "demo", task: "mixed", fields: ["question"] });
}, 240_000);

afterAll(async () => {
  if (started && started.child.exitCode === null && started.child.signalCode === null) started.child.kill("SIGKILL");
  await started?.exited;
  delete process.env.CONTAMINATION_RANGE_TRAJECTORIES;
  await stopJobEngine();
  await closeDb();
  await server?.stop();
  await rm(DATA_DIR, { recursive: true, force: true });
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

async function labelsOf(runId: number) {
  const items = await pool().query(`select position, label, contaminated, rate from contamination_item_results where run_id = $1 order by position`, [runId]);
  const trajectories = await pool().query(`select trajectory_id, label, rate from contamination_trajectory_results where run_id = $1 order by trajectory_id`, [runId]);
  return { items: items.rows, trajectories: trajectories.rows };
}

describe("a PostgreSQL restart during a queued check", () => {
  it("reconnects the worker and finishes the check with the same labels", async () => {
    const reference = await workRun(ACTOR, (await createRun(ACTOR, "demo")).id);
    expect(reference.state).toBe("finished");
    const expected = await labelsOf(reference.id);

    started = startTestWorker({ DATABASE_URL: server.url, TS_DATA_DIR: dir, CONTAMINATION_TURN_BATCH: "2" });
    await started.ready;
    const run = await createRun(ACTOR, "demo", {}, { queue: true });
    await eventually(async () => {
      const ranges = await pool().query<{ state: string }>(`select state from contamination_run_ranges where run_id = $1`, [run.id]);
      return ranges.rows.some((range) => range.state === "done") && ranges.rows.some((range) => range.state === "running");
    }, 60_000, `run ${run.id} to be mid-way:\n${started.output()}`);

    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    server = await startServer();
    expect(server.startedHere).toBe(true);

    const done = await eventually(async () => {
      const current = await getRun(ACTOR, run.id).catch(() => undefined); // the first query after the restart may meet a dropped connection
      return current && current.state !== "running" ? current : undefined;
    }, 150_000, `run ${run.id} to end after the restart:\n${started.output()}`);
    expect(done.state, `${done.error}\n${started.output()}`).toBe("finished");
    expect(started.child.exitCode, started.output()).toBeNull();
    // The worker did meet the restart (its connections were cut), and came through it.
    expect(started.output()).toMatch(/terminating connection|connection lost|ECONNRESET|ECONNREFUSED|Connection terminated/);
    expect(done.doneRanges).toBe(done.totalRanges);
    expect(await labelsOf(run.id)).toEqual(expected);
  }, 300_000);
});
