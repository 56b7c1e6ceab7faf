/**
 * The jobs API on the real PostgreSQL: list and show with our states, cancel
 * and retry through the job's own task (audited), who may do it, bad filters
 * named, and a retried job run to the end by a real worker process.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/jobs/route";
import { GET as showRoute } from "@/app/api/v1/jobs/[id]/route";
import { POST as cancelRoute } from "@/app/api/v1/jobs/[id]/cancel/route";
import { POST as retryRoute } from "@/app/api/v1/jobs/[id]/retry/route";
import type { TActor } from "@/lib/access/actor";
import { hashSecret } from "@/lib/auth/secrets";
import { createSession } from "@/lib/auth/sessions";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createApiToken } from "@/lib/auth/tokens";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { getExport, startExport } from "@/lib/export/exports";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { osRow, writeLines } from "@/testing/fixtures";
import { apiErrorOf, callRoute } from "@/testing/routes";
import { eventually, startTestWorker } from "@/testing/workers";
import { stopJobEngine } from "@/lib/jobs/engine";
import type { TJob } from "@/lib/job-kinds/jobs";
import { runCli, type TCliRun } from "@/testing/cli";

const databaseUrl = useTestDatabase();
const context = { requestId: null, ip: null };
let dir: string;
let admin: TActor;
let adminToken = "";
let viewerToken = "";

async function tokenFor(actor: TActor & { kind: "user" }): Promise<string> {
  const session = await createSession(actor.id, { ip: null, userAgent: "vitest" });
  return (await createApiToken(actor, { name: "jobs tests", sessionId: hashSecret(session.token) })).token;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "jobs-api-"));
  process.env.TS_DATA_DIR = dir;
  const id = await createFirstAdmin({ email: "ada@lab.example", password: "a long and unusual passphrase 7", setupCode: await issueSetupCode() }, context);
  const adminUser = { kind: "user", id, email: "ada@lab.example", role: "admin", via: "session", context } as const;
  admin = adminUser;
  adminToken = await tokenFor(adminUser);
  const viewerId = await createUser(admin, { email: "vic@lab.example", password: "another long passphrase 8", role: "viewer" });
  viewerToken = await tokenFor({ kind: "user", id: viewerId, email: "vic@lab.example", role: "viewer", via: "session", context });
  const file = writeLines(dir, "os.jsonl", [osRow("os_1", "How many users?", [{ think: "I count.", bash: "wc -l /etc/passwd", output: "3" }, { think: "Three.", answer: "3" }])]);
  await importFile(admin, { filePath: file });
  await pool().query("update trajectories set status = 'accepted'");
});

afterAll(async () => {
  await stopJobEngine();
  await rm(dir, { recursive: true, force: true });
});

/** The real CLI as a child process, on this file's database and data dir. */
function cli(args: string[]): Promise<TCliRun> {
  return runCli([...args], { DATABASE_URL: databaseUrl(), TS_DATA_DIR: dir });
}

describe("jobs API", () => {
  it("lists and shows a queued export job, cancels it and retries it; a worker then runs it to the end", async () => {
    const exported = await startExport(admin, { recipe: { formats: ["conversations"], eta: 1 } });
    const listed = await callRoute(listRoute, { path: "/api/v1/jobs?kind=export&state=queued", token: adminToken });
    expect(listed.status).toBe(200);
    const { jobs } = (await listed.json()) as { jobs: TJob[] };
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    expect(job).toMatchObject({ kind: "export", state: "queued", startedBy: "ada@lab.example", attempts: 0, result: { type: "export", id: exported.id, href: `/exports/${exported.id}` } });

    const shown = await callRoute(showRoute, { path: `/api/v1/jobs/${job.id}`, params: { id: job.id }, token: adminToken });
    expect(((await shown.json()) as TJob).id).toBe(job.id);

    const cancelled = await callRoute(cancelRoute, { method: "POST", path: `/api/v1/jobs/${job.id}/cancel`, params: { id: job.id }, token: adminToken });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as TJob).state).toBe("cancelled");
    expect((await getExport(admin, exported.id)).state).toBe("cancelled");
    const again = await callRoute(cancelRoute, { method: "POST", path: `/api/v1/jobs/${job.id}/cancel`, params: { id: job.id }, token: adminToken });
    expect(again.status).toBe(400);
    expect((await apiErrorOf(again)).message).toMatch(/is cancelled: only a queued or running job can be cancelled/);

    const retried = await callRoute(retryRoute, { method: "POST", path: `/api/v1/jobs/${job.id}/retry`, params: { id: job.id }, token: adminToken });
    expect(retried.status).toBe(202);
    expect(((await retried.json()) as TJob).state).toBe("queued");
    expect((await getExport(admin, exported.id)).state).toBe("queued");
    const audit = await pool().query<{ type: string }>("select type from audit_events where target_id = $1 and type like 'export.%' order by id", [String(exported.id)]);
    expect(audit.rows.map((row) => row.type)).toEqual(["export.created", "export.cancelled", "export.retried"]);

    const worker = startTestWorker({ DATABASE_URL: databaseUrl(), TS_DATA_DIR: dir });
    try {
      const done = await eventually(async () => {
        const response = await callRoute(showRoute, { path: `/api/v1/jobs/${job.id}`, params: { id: job.id }, token: adminToken });
        const current = (await response.json()) as TJob;
        return current.state === "done" ? current : undefined;
      }, 30_000, "the retried job to finish");
      expect(done).toMatchObject({ attempts: 1, progress: { done: 1, total: 1, unit: "samples" }, error: null });
      expect(done.worker).toMatch(/:\d+$/);
      expect(done.finishedAt).not.toBeNull();
      expect((await getExport(admin, exported.id)).state).toBe("finished");
    } finally {
      worker.child.kill("SIGKILL");
      await worker.exited;
    }
  }, 90_000);

  it("refuses a viewer's cancel and retry, and names a bad filter; the CLI lists, cancels and refuses the same way", async () => {
    const exported = await startExport(admin, { recipe: { formats: ["conversations"], eta: 1 } });
    const jobId = (await pool().query<{ job_id: string }>("select job_id from exports where id = $1", [exported.id])).rows[0]!.job_id;
    for (const route of [cancelRoute, retryRoute]) {
      const refused = await callRoute(route, { method: "POST", path: `/api/v1/jobs/${jobId}/x`, params: { id: jobId }, token: viewerToken });
      expect(refused.status).toBe(403);
    }
    expect((await getExport(admin, exported.id)).state).toBe("queued");
    const bad = await callRoute(listRoute, { path: "/api/v1/jobs?state=sleeping", token: viewerToken });
    expect(bad.status).toBe(400);
    expect((await apiErrorOf(bad)).message).toMatch(/state/);
    // The CLI: the real program as a child process.
    const viewerCli = await cli(["jobs", "cancel", jobId, "--as", "vic@lab.example"]);
    expect(viewerCli.code).toBe(1);
    expect(viewerCli.err).toMatch(/your role \(viewer\) cannot do this/);
    const listedCli = await cli(["jobs", "list", "--state", "queued", "--as", "ada@lab.example"]);
    expect(listedCli.code, listedCli.err).toBe(0);
    expect(listedCli.out).toContain(`${jobId}  export  queued`);
    const cancelledCli = await cli(["jobs", "cancel", jobId, "--json", "--as", "ada@lab.example"]);
    expect(cancelledCli.code, cancelledCli.err).toBe(0);
    expect(JSON.parse(cancelledCli.out)).toMatchObject({ id: jobId, state: "cancelled" });
    expect((await cli(["jobs", "retry", "--as", "ada@lab.example"])).code).toBe(2);
    const missing = await callRoute(showRoute, { path: "/api/v1/jobs/x", params: { id: "00000000-0000-4000-8000-000000000000" }, token: viewerToken });
    expect(missing.status).toBe(404);
  });
});
