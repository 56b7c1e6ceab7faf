/**
 * The import API on the real PostgreSQL with a real worker process: the upload
 * is stored and the answer (202) is the job at once; the worker imports it and
 * the job's output is the import report; a file in no known format is refused
 * before anything is queued. (Imports as jobs: lib/import/import-job.test.ts.)
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as imports from "@/app/api/v1/imports/route";
import { systemActor, type TActor } from "@/lib/access/actor";
import { hashSecret } from "@/lib/auth/secrets";
import { createSession } from "@/lib/auth/sessions";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createApiToken } from "@/lib/auth/tokens";
import { createFirstAdmin } from "@/lib/auth/users";
import { deleteDataset } from "@/lib/datasets/delete-dataset";
import type { TImportJobOutput } from "@/lib/import/import-job";
import { getJobById, type TJob } from "@/lib/job-kinds/jobs";
import { stopJobEngine } from "@/lib/jobs/engine";
import { useTestDatabase } from "@/testing/database";
import { osRow } from "@/testing/fixtures";
import { callRoute } from "@/testing/routes";
import { eventually, startTestWorker, type TTestWorker } from "@/testing/workers";

const databaseUrl = useTestDatabase();
const ADMIN = systemActor("test");
let dataDir: string;
let token: string;
const workers: TTestWorker[] = [];

function worker(): TTestWorker {
  const started = startTestWorker({ DATABASE_URL: databaseUrl(), TS_DATA_DIR: dataDir });
  workers.push(started);
  return started;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "import-api-"));
  process.env.TS_DATA_DIR = dataDir;
  const context = { requestId: null, ip: null };
  const email = "admin@lab.org";
  const id = await createFirstAdmin({ email, password: "api test password", setupCode: await issueSetupCode() }, context);
  const session = await createSession(id, { ip: null, userAgent: "vitest" });
  const admin: TActor = { kind: "user", id, email, role: "admin", via: "session", context };
  token = (await createApiToken(admin, { name: "import test", sessionId: hashSecret(session.token) })).token;
});

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

const uploads = async () => (existsSync(path.join(dataDir, "uploads")) ? await readdir(path.join(dataDir, "uploads")) : []);

async function ended(jobId: string, timeoutMs: number): Promise<TJob> {
  return eventually(async () => {
    const job = await getJobById(ADMIN, jobId);
    return ["done", "failed", "cancelled"].includes(job.state) ? job : undefined;
  }, timeoutMs, `import job ${jobId} to end`);
}

describe("POST /api/v1/imports", () => {
  it("the API stores the upload and answers 202 with the job at once; the job's output is the import report", async () => {
    const started = worker();
    await started.ready;
    const body = [osRow("os_1", "How many users?", [{ think: "t", answer: "2" }]), osRow("os_2", "Kernel?", [{ think: "t", answer: "6" }])]
      .map((row) => JSON.stringify(row))
      .join("\n");
    const response = await callRoute(imports.POST, { method: "POST", path: "/api/v1/imports?fileName=api-os.jsonl&dataset=api%20os", body: `${body}\n{bad\n`, token });
    expect(response.status).toBe(202);
    const answer = (await response.json()) as { job: { id: string }; poll: string };
    expect(answer.poll).toBe(`/api/v1/jobs/${answer.job.id}`);
    const job = await ended(answer.job.id, 60_000);
    expect(job.state, job.error ?? "").toBe("done");
    const output = job.output as TImportJobOutput;
    expect(output.report).toMatchObject({ imported: 2, skipped: 1, dataset: { name: "api os" }, errors: [{ line: 3 }] });
    expect(job.result).toEqual({ type: "dataset", id: output.dataset, href: `/trajectories?dataset=${output.dataset}` });
    expect(job.progress).toMatchObject({ unit: "bytes", total: Buffer.byteLength(`${body}\n{bad\n`) });
    expect(await uploads()).toEqual([]);
    await deleteDataset(ADMIN, output.dataset!);
  }, 120_000);

  it("refuses a file in no known format with a 400 naming it, and queues nothing", async () => {
    const response = await callRoute(imports.POST, { method: "POST", path: "/api/v1/imports?fileName=notes.jsonl", body: '{"hello": "world"}\n', token });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/cannot detect the format of notes\.jsonl/);
    expect(await uploads()).toEqual([]);
  });

});
