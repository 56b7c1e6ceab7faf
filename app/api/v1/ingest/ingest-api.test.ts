/**
 * Live ingestion on the real PostgreSQL, through the route handler: per-line
 * answers, a retried batch adds nothing, records of several formats in one
 * body, the dataset's counts, the 32 MB limit (413) and the token's scope.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingest from "@/app/api/v1/ingest/route";
import type { TActor } from "@/lib/access/actor";
import { hashSecret } from "@/lib/auth/secrets";
import { createSession } from "@/lib/auth/sessions";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createApiToken } from "@/lib/auth/tokens";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import type { TIngestReport } from "@/lib/import/ingest";
import { useTestDatabase } from "@/testing/database";
import { osRow } from "@/testing/fixtures";
import { apiErrorOf, callRoute } from "@/testing/routes";

useTestDatabase();
const PASSWORD = "ingest test password";
const context = { requestId: null, ip: null };
let dataDir: string;
let adminToken: string;
let reviewerToken: string;

async function tokenFor(id: number, email: string, role: "admin" | "reviewer"): Promise<string> {
  const session = await createSession(id, { ip: null, userAgent: "vitest" });
  const actor: TActor = { kind: "user", id, email, role, via: "session", context };
  return (await createApiToken(actor, { name: `${role} collector`, sessionId: hashSecret(session.token) })).token;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "ingest-api-"));
  process.env.TS_DATA_DIR = dataDir;
  const adminId = await createFirstAdmin({ email: "admin@lab.org", password: PASSWORD, setupCode: await issueSetupCode() }, context);
  adminToken = await tokenFor(adminId, "admin@lab.org", "admin");
  const admin: TActor = { kind: "user", id: adminId, email: "admin@lab.org", role: "admin", via: "session", context };
  const reviewerId = await createUser(admin, { email: "rita@lab.org", password: PASSWORD, role: "reviewer" });
  reviewerToken = await tokenFor(reviewerId, "rita@lab.org", "reviewer");
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const uploads = async () => (existsSync(path.join(dataDir, "uploads")) ? await readdir(path.join(dataDir, "uploads")) : []);

/** A finished run of a chat agent, as a collector would push it (OpenAI messages). */
function chatRun(id: string, answer: string) {
  return { id, messages: [{ role: "user", content: `Question ${id}?` }, { role: "assistant", content: answer }] };
}

const ndjson = (records: (object | string)[]) => records.map((record) => (typeof record === "string" ? record : JSON.stringify(record))).join("\n") + "\n";

async function push(body: string | Uint8Array, query = "dataset=live", token = adminToken): Promise<Response> {
  return callRoute(ingest.POST, { method: "POST", path: `/api/v1/ingest?${query}`, body, token });
}

async function datasetRow(name: string) {
  const result = await pool().query(
    `select trajectory_count as trajectories, turn_count as turns, duplicate_count as duplicates, error_count as errors, source_file as "sourceFile"
       from datasets where name = $1`,
    [name],
  );
  return result.rows[0];
}

describe("POST /api/v1/ingest", () => {
  const batch = ndjson([chatRun("run-1", "Paris."), "{bad json", osRow("os_7", "How many users?", [{ think: "I count.", answer: "2" }]), { foo: 1 }]);

  it("stores each good line, names each bad one, and creates the dataset on the first push", async () => {
    const response = await push(batch);
    expect(response.status).toBe(200);
    const report = (await response.json()) as TIngestReport;
    expect(report.dataset).toMatchObject({ name: "live", created: true });
    expect(report).toMatchObject({ imported: 2, duplicates: 0, errors: 2 });
    expect(report.records.map(({ line, status }) => ({ line, status }))).toEqual([
      { line: 1, status: "imported" },
      { line: 2, status: "error" },
      { line: 3, status: "imported" },
      { line: 4, status: "error" },
    ]);
    expect(report.records[1]!.reason).toMatch(/^invalid JSON/);
    expect(report.records[3]!.reason).toBe("no known format matches this record: its keys are foo");
    const stored = await pool().query<{ id: string; task: string }>("select id::text, task from trajectories where id = any($1::bigint[]) order by id", [[report.records[0]!.id, report.records[2]!.id]]);
    // Each record read as its own format: an OpenAI chat run (no task named) and an AgentInstruct os row.
    expect(stored.rows.map((row) => row.task)).toEqual(["unknown", "os"]);
    expect(await datasetRow("live")).toEqual({ trajectories: 2, turns: 2 + 8, duplicates: 0, errors: 2, sourceFile: "(live ingestion)" });
    expect(await uploads()).toEqual([]);
  });

  it("a retried batch adds nothing: every record is a duplicate of the trajectory the first push stored", async () => {
    const first = await pool().query<{ id: string }>("select t.id::text from trajectories t join datasets d on d.id = t.dataset_id where d.name = 'live' order by t.id");
    const report = (await (await push(batch)).json()) as TIngestReport;
    expect(report).toMatchObject({ imported: 0, duplicates: 2, errors: 2, dataset: { name: "live", created: false } });
    expect(report.records.filter((record) => record.status === "duplicate").map((record) => record.id)).toEqual(first.rows.map((row) => row.id));
    expect(report.records[0]!.reason).toBe("already stored (same content)");
    expect(await datasetRow("live")).toMatchObject({ trajectories: 2, duplicates: 2, errors: 4 });
  });

  it("a dataset grows with each push; a body that stores nothing creates no dataset", async () => {
    const report = (await (await push(ndjson([chatRun("run-2", "Lyon.")]))).json()) as TIngestReport;
    expect(report).toMatchObject({ imported: 1, records: [{ line: 1, status: "imported", reason: null }] });
    expect(await datasetRow("live")).toMatchObject({ trajectories: 3 });

    const nothing = (await (await push(ndjson(["[1, 2]"]), "dataset=never")).json()) as TIngestReport;
    expect(nothing).toMatchObject({ dataset: null, imported: 0, errors: 1, records: [{ line: 1, status: "error", reason: "no known format matches this record: it is not a JSON object" }] });
    expect(await datasetRow("never")).toBeUndefined();
  });

  it("refuses a body over 32 MB with 413 naming the limit, declared or streamed, and stores nothing", async () => {
    const declared = await callRoute(ingest.POST, { method: "POST", path: "/api/v1/ingest?dataset=big", body: "{}\n", token: adminToken, headers: { "content-length": String(33 * 1024 * 1024) } });
    expect(declared.status).toBe(413);
    expect((await apiErrorOf(declared)).message).toContain("ingest limit of 32 MB (33554432 bytes)");

    const line = JSON.stringify(chatRun("big", "x".repeat(1 << 20))) + "\n";
    const streamed = await push(line.repeat(33), "dataset=big");
    expect(streamed.status).toBe(413);
    expect(await apiErrorOf(streamed)).toEqual({ code: "payload_too_large", message: expect.stringContaining("32 MB") });
    expect(await datasetRow("big")).toBeUndefined();
    expect(await uploads()).toEqual([]);
  });

  it("needs a token (401) with the datasets:import scope (403), and names a missing dataset (400)", async () => {
    const anonymous = await callRoute(ingest.POST, { method: "POST", path: "/api/v1/ingest?dataset=live", body: batch });
    expect(anonymous.status).toBe(401);
    const reviewer = await push(batch, "dataset=live", reviewerToken);
    expect(reviewer.status).toBe(403);
    expect((await apiErrorOf(reviewer)).message).toContain("datasets:import");
    const unnamed = await push(batch, "format=auto");
    expect(unnamed.status).toBe(400);
    expect((await apiErrorOf(unnamed)).message).toContain("dataset");
    expect(await datasetRow("live")).toMatchObject({ trajectories: 3 });
  });
});
