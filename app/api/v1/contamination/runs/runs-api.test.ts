/**
 * The contamination runs API in the web process only enqueues: a started
 * check's ranges are jobs waiting for a worker (none runs here), nothing is
 * scanned in the web server, and there is no "resume" any more.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { createApiToken } from "@/lib/auth/tokens";
import { createSession } from "@/lib/auth/sessions";
import { hashSecret } from "@/lib/auth/secrets";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin } from "@/lib/auth/users";
import { getRun } from "@/lib/contamination/run";
import { pool } from "@/lib/db/client";
import { writeDemoFiles } from "@/demo";
import { importFile } from "@/lib/import/import-file";
import { JOBS_SCHEMA, stopJobEngine } from "@/lib/jobs/engine";
import { importTestSet } from "@/lib/testsets/import";
import { useTestDatabase } from "@/testing/database";
import { apiErrorOf, callRoute } from "@/testing/routes";
import * as runRoute from "./[id]/route";
import * as runsRoute from "./route";

useTestDatabase();
const ACTOR = systemActor("test");
let dir: string;
let token = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "contamination-api-"));
  process.env.CONTAMINATION_RANGE_TRAJECTORIES = "4";
  const demo = await writeDemoFiles(path.join(dir, "demo"), { perTask: 10, quirks: false, generalRows: 10 });
  for (const file of demo.files) {
    if (file.kind === "testset") continue;
    await importFile(ACTOR, { filePath: file.path, kind: file.kind, ...(file.task ? { task: file.task } : {}) });
  }
  await importTestSet(ACTOR, demo.files.find((file) => file.kind === "testset")!.path, { name: "demo", task: "mixed", fields: ["question"] });
  const context = { requestId: null, ip: null };
  const id = await createFirstAdmin({ email: "admin@lab.org", password: "api test password", setupCode: await issueSetupCode() }, context);
  const session = await createSession(id, { ip: null, userAgent: "vitest" });
  token = (await createApiToken({ kind: "user", id, email: "admin@lab.org", role: "admin", via: "session", context }, { name: "contamination api", sessionId: hashSecret(session.token) })).token;
}, 180_000);

afterAll(async () => {
  delete process.env.CONTAMINATION_RANGE_TRAJECTORIES;
  await stopJobEngine();
  await rm(dir, { recursive: true, force: true });
});

async function jobStates(runId: number): Promise<string[]> {
  const rows = await pool().query<{ state: string }>(
    `select state::text from ${JOBS_SCHEMA}.job where name = 'contamination' and (data->>'runId')::int = $1 order by (data->>'rangeId')::int`,
    [runId],
  );
  return rows.rows.map((row) => row.state);
}

describe("POST /api/v1/contamination/runs", () => {
  it("only enqueues: the ranges wait for a worker, and there is no resume", async () => {
    const answer = await callRoute(runsRoute.POST, { method: "POST", path: "/api/v1/contamination/runs", token, body: { testSet: "demo" } });
    expect(answer.status).toBe(202);
    const { id } = (await answer.json()) as { id: number };
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Nothing was scanned in the web process: every range is pending and its job waits in the queue.
    const run = await getRun(ACTOR, id);
    expect(run).toMatchObject({ state: "running", doneRanges: 0 });
    expect(run.totalRanges).toBeGreaterThan(1);
    const ranges = await pool().query<{ state: string }>(`select state from contamination_run_ranges where run_id = $1`, [id]);
    expect(ranges.rows.every((range) => range.state === "pending")).toBe(true);
    expect(await jobStates(id)).toEqual(Array.from({ length: run.totalRanges }, () => "created"));

    const call = (action: string) => callRoute(runRoute.POST, { method: "POST", path: `/api/v1/contamination/runs/${id}`, params: { id: String(id) }, token, body: { action } });
    const resume = await call("resume");
    expect(resume.status).toBe(400);
    expect((await apiErrorOf(resume)).message).toContain("action");
    expect((await call("cancel")).status).toBe(200);
    expect(await jobStates(id)).toEqual(Array.from({ length: run.totalRanges }, () => "cancelled"));
  }, 60_000);
});
