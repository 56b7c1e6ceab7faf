import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import * as bulkActions from "@/app/api/v1/bulk-actions/route";
import * as contaminationRun from "@/app/api/v1/contamination/runs/[id]/route";
import * as contaminationRuns from "@/app/api/v1/contamination/runs/route";
import * as dataset from "@/app/api/v1/datasets/[id]/route";
import * as exportRecipes from "@/app/api/v1/export-recipes/route";
import * as exportOne from "@/app/api/v1/exports/[id]/route";
import * as exportPreview from "@/app/api/v1/exports/preview/route";
import * as exportsRoute from "@/app/api/v1/exports/route";
import * as imports from "@/app/api/v1/imports/route";
import * as importPreview from "@/app/api/v1/imports/preview/route";
import * as queueNext from "@/app/api/v1/queue/next/route";
import * as critical from "@/app/api/v1/steps/[id]/critical/route";
import * as thoughtRevisions from "@/app/api/v1/steps/[id]/thought-revisions/route";
import * as testsets from "@/app/api/v1/testsets/route";
import * as proposalApply from "@/app/api/v1/thresholds/[task]/proposals/[id]/apply/route";
import * as proposalComments from "@/app/api/v1/thresholds/[task]/proposals/[id]/comments/route";
import * as proposalDecline from "@/app/api/v1/thresholds/[task]/proposals/[id]/decline/route";
import * as proposals from "@/app/api/v1/thresholds/[task]/proposals/route";
import * as threshold from "@/app/api/v1/thresholds/[task]/route";
import * as reviews from "@/app/api/v1/trajectories/[id]/reviews/route";
import * as trajectory from "@/app/api/v1/trajectories/[id]/route";
import type { TActor } from "@/lib/access/actor";
import { createApiToken } from "@/lib/auth/tokens";
import { createSession } from "@/lib/auth/sessions";
import { hashSecret } from "@/lib/auth/secrets";
import { createFirstAdmin } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { writeAgentInstructParquet } from "@/lib/formats/fixtures/files";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { apiErrorOf, callRoute } from "@/testing/routes";
import { issueSetupCode } from "@/lib/auth/setup-code";

useTestDatabase();

const context = { requestId: "route-input-test", ip: null };
const dir = scratchDir();
let token = "";
let trajectoryId = "";
let stepId = "";

beforeAll(async () => {
  const email = "ada@lab.example";
  const id = await createFirstAdmin({ email, password: "a long and unusual passphrase 7", setupCode: await issueSetupCode() }, context);
  const admin: TActor = { kind: "user", id, email, role: "admin", via: "session", context };
  const session = await createSession(id, { ip: null, userAgent: "vitest" });
  token = (await createApiToken(admin, { name: "route tests", sessionId: hashSecret(session.token) })).token;
  const file = writeLines(dir, "os.jsonl", [osRow("os_1", "How many users?", [{ think: "I count.", bash: "wc -l /etc/passwd", output: "3" }, { think: "Three.", answer: "3" }])]);
  await importFile(admin, { filePath: file });
  const turn = await pool().query<{ trajectory_id: string; id: string }>("select trajectory_id::text, id::text from turns where role = 'assistant' order by id limit 1");
  trajectoryId = turn.rows[0]!.trajectory_id;
  stepId = turn.rows[0]!.id;
});

describe("request bodies", () => {
  const jsonRoutes: [string, unknown, string, () => Record<string, string>][] = [
    ["POST /trajectories/:id/reviews", reviews.POST, "POST", () => ({ id: trajectoryId })],
    ["POST /steps/:id/thought-revisions", thoughtRevisions.POST, "POST", () => ({ id: stepId })],
    ["PUT /steps/:id/critical", critical.PUT, "PUT", () => ({ id: stepId })],
    ["POST /bulk-actions", bulkActions.POST, "POST", () => ({})],
    ["POST /contamination/runs", contaminationRuns.POST, "POST", () => ({})],
    ["POST /contamination/runs/:id", contaminationRun.POST, "POST", () => ({ id: "1" })],
    ["POST /export-recipes", exportRecipes.POST, "POST", () => ({})],
    ["POST /exports", exportsRoute.POST, "POST", () => ({})],
    ["POST /exports/preview", exportPreview.POST, "POST", () => ({})],
    ["PUT /thresholds/:task", threshold.PUT, "PUT", () => ({ task: "os" })],
    ["POST /thresholds/:task/proposals", proposals.POST, "POST", () => ({ task: "os" })],
    ["POST /thresholds/:task/proposals/:id/comments", proposalComments.POST, "POST", () => ({ task: "os", id: "1" })],
    ["POST /thresholds/:task/proposals/:id/apply", proposalApply.POST, "POST", () => ({ task: "os", id: "1" })],
    ["POST /thresholds/:task/proposals/:id/decline", proposalDecline.POST, "POST", () => ({ task: "os", id: "1" })],
  ];

  it.each(jsonRoutes)("%s: malformed JSON answers 400 naming the body", async (_name, handler, method, params) => {
    const response = await callRoute(handler, { method, path: "/api/v1/x", params: params(), body: '{"decision": "accepted",', token });
    expect(response.status).toBe(400);
    expect((await apiErrorOf(response)).message).toMatch(/^body: not valid JSON/);
  });

  it("a body that is valid JSON but the wrong shape names the field", async () => {
    const response = await callRoute(reviews.POST, { method: "POST", path: "/api/v1/x", params: { id: trajectoryId }, body: { decision: "maybe", version: 0 }, token });
    expect(response.status).toBe(400);
    expect((await apiErrorOf(response)).message).toMatch(/^decision: /);
  });
});

describe("ids in the path", () => {
  it.each(["12345678901234567890", "0x1", "1e3", "-1", "1.0", " 1"])("DELETE /datasets/%j answers 400 naming id, and deletes nothing", async (id) => {
    const response = await callRoute(dataset.DELETE, { method: "DELETE", path: "/api/v1/datasets/x", params: { id }, token });
    expect(response.status).toBe(400);
    expect((await apiErrorOf(response)).message).toMatch(/^id: /);
    expect((await pool().query("select id from datasets")).rowCount).toBe(1);
  });

  it.each(["0x1", "1e3", "99999999999999999999999"])("GET /exports/:id and /trajectories/:id with id %j answer 400 naming id", async (id) => {
    for (const handler of [exportOne.GET, trajectory.GET]) {
      const response = await callRoute(handler, { path: "/api/v1/x", params: { id }, token });
      expect(response.status).toBe(400);
      expect((await apiErrorOf(response)).message).toMatch(/^id: /);
    }
  });
});

describe("uploads", () => {
  it("a 10,000-level nested JSON test set answers 400 naming the nesting limit", async () => {
    const body = "[" + "[".repeat(10_000) + "]".repeat(10_000) + "]";
    const response = await callRoute(testsets.POST, { method: "POST", path: "/api/v1/testsets?fileName=deep.json&preview=true", body, token });
    expect(response.status).toBe(400);
    expect((await apiErrorOf(response)).message).toMatch(/deep\.json: record 1: nested deeper than \d+ levels/);
  });

  it("a truncated parquet test set answers 400: its footer is missing", async () => {
    const file = writeAgentInstructParquet(dir, "whole.parquet", [{ id: "a", conversations: [{ from: "human", value: "q", loss: null }] }]);
    const truncated = readFileSync(file).subarray(0, 40);
    const response = await callRoute(testsets.POST, { method: "POST", path: "/api/v1/testsets?fileName=cut.parquet&preview=true", body: new Uint8Array(truncated), token });
    expect(response.status).toBe(400);
    expect((await apiErrorOf(response)).message).toMatch(/cut\.parquet: not a parquet file: its footer is missing/);
  });

  it("a truncated parquet import is refused with an invalid_request error naming the file, before any job is queued", async () => {
    const file = writeAgentInstructParquet(dir, "whole2.parquet", [{ id: "b", conversations: [{ from: "human", value: "q", loss: null }] }]);
    const truncated = readFileSync(file).subarray(0, 40);
    const response = await callRoute(imports.POST, { method: "POST", path: "/api/v1/imports?fileName=cut.parquet", body: new Uint8Array(truncated), token });
    expect(response.status).toBe(400);
    const error = await apiErrorOf(response);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/cut\.parquet: not a parquet file: its footer is missing/);
  });
});

describe("import preview", () => {
  it("answers the first records as the import reads them, and a truncated parquet with a 400 naming the file", async () => {
    const body = [
      JSON.stringify({ id: "os_1", conversations: [{ from: "human", value: "How many files?", loss: null }, { from: "gpt", value: "Think: count.\n\nAct: answer(3)", loss: true }] }),
      "{oops",
    ].join("\n");
    const response = await callRoute(importPreview.POST, { method: "POST", path: "/api/v1/imports/preview?fileName=os.jsonl", body, token });
    expect(response.status).toBe(200);
    const preview = await response.json();
    expect(preview.rows).toMatchObject([{ kind: "record", externalId: "os_1", task: "os", steps: 1 }, { kind: "error", line: 2 }]);
    const file = writeAgentInstructParquet(dir, "whole3.parquet", [{ id: "c", conversations: [{ from: "human", value: "q", loss: null }] }]);
    const cut = await callRoute(importPreview.POST, { method: "POST", path: "/api/v1/imports/preview?fileName=cut.parquet", body: new Uint8Array(readFileSync(file).subarray(0, 40)), token });
    expect(cut.status).toBe(400);
    expect((await apiErrorOf(cut)).message).toMatch(/cut\.parquet: not a parquet file: its footer is missing/);
  });
});

describe("the review queue", () => {
  it("claims with POST only: a GET that changes state is not offered", async () => {
    expect((queueNext as Record<string, unknown>).GET).toBeUndefined();
    const response = await callRoute((queueNext as Record<string, unknown>).POST, { method: "POST", path: "/api/v1/queue/next", body: { filter: "" }, token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: trajectoryId });
    const claimed = await pool().query("select reviewer_id from review_claims where trajectory_id = $1", [trajectoryId]);
    expect(claimed.rows[0]?.reviewer_id).toEqual(expect.any(Number));
  });
});
