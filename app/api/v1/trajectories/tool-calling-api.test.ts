/**
 * A tool-calling OpenAI file imported on the real PostgreSQL and read back through
 * GET /api/v1/trajectories/:id: calls with byte-identical arguments, results linked by id,
 * the checks' flags, the tool set stored once and linked from every row that declares it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as showRoute } from "@/app/api/v1/trajectories/[id]/route";
import { hashSecret } from "@/lib/auth/secrets";
import { createSession } from "@/lib/auth/sessions";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createApiToken } from "@/lib/auth/tokens";
import { createFirstAdmin } from "@/lib/auth/users";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { legacyRow, loopRow, messyRow, parallelRow, sweGymRow } from "@/lib/formats/fixtures/tool-calling";
import type { TTrajectoryDetail } from "@/lib/trajectories/get-trajectory";
import { useTestDatabase } from "@/testing/database";
import { scratchDir, writeLines } from "@/testing/fixtures";
import { callRoute } from "@/testing/routes";
import { importFile } from "@/lib/import/import-file";

useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();
const context = { requestId: null, ip: null };
let token = "";

/** The parallel row with other arguments only: a different run, not a duplicate. */
const otherArguments = structuredClone(parallelRow);
otherArguments.id = "fc-2";
otherArguments.messages[1]!.tool_calls![0]!.function.arguments = "{\"city\":\"Bergen\",  \"unit\":\"c\"}";

beforeAll(async () => {
  const id = await createFirstAdmin({ email: "ada@lab.example", password: "a long and unusual passphrase 7", setupCode: await issueSetupCode() }, context);
  const session = await createSession(id, { ip: null, userAgent: "vitest" });
  const admin = { kind: "user", id, email: "ada@lab.example", role: "admin", via: "session", context } as const;
  token = (await createApiToken(admin, { name: "tool tests", sessionId: hashSecret(session.token) })).token;
});

async function trajectoryByExternalId(externalId: string): Promise<TTrajectoryDetail> {
  const found = await pool().query<{ id: string }>("select id::text from trajectories where external_id = $1", [externalId]);
  const response = await callRoute(showRoute, { path: `/api/v1/trajectories/${found.rows[0]!.id}`, params: { id: found.rows[0]!.id }, token });
  expect(response.status).toBe(200);
  return (await response.json()) as TTrajectoryDetail;
}

describe("importing OpenAI tool-calling data", () => {
  it("stores calls, results, flags and the tool set, and the API gives them back as written", async () => {
    const file = writeLines(dir, "agent-runs.jsonl", [
      sweGymRow, parallelRow, otherArguments, legacyRow, messyRow, loopRow,
      { messages: [{ role: "assistant", content: null }] },
    ]);
    const report = await importFile(ACTOR, { filePath: file });
    expect(report.format).toBe("openai");
    expect(report.imported).toBe(6);
    expect(report.duplicates).toBe(0);
    expect(report.errors).toEqual([{ line: 7, record: 7, message: "messages[0].content must be a string" }]);

    const swe = await trajectoryByExternalId("acme__widgets-1234");
    expect(swe).toMatchObject({ task: "swe", reward: 1, success: true, sourceModel: "example-coder-32b", formatErrorCount: 0 });
    expect(swe.metadata).toMatchObject({ runId: "run-7", rewardField: "resolved" });
    expect(swe.tools.map((tool) => tool.function.name)).toEqual(["execute_bash", "finish"]);
    expect(swe.turns[2]).toMatchObject({ role: "assistant", actionKind: "tool_call", callSyntax: "native", toolCallIds: [] });
    expect(swe.turns[2]!.toolCalls).toEqual([{ id: "call_a1", name: "execute_bash", arguments: "{\"command\": \"pytest -x\"}" }]);
    expect(swe.turns[3]).toMatchObject({ role: "observation", rawText: "1 failed", toolCallIds: ["call_a1"], toolCalls: [] });

    const parallel = await trajectoryByExternalId("fc-1");
    expect(parallel.turns[1]!.toolCalls.map((call) => call.arguments)).toEqual(["{\"city\":\"Oslo\",  \"unit\":\"c\"}", "{\"tz\": \"Europe/Oslo\"}"]);
    expect(parallel.turns[1]).toMatchObject({ thought: "I need both the weather and the time.", currentThought: null });
    expect(parallel.turns[4]).toMatchObject({ actionKind: "answer", action: "It is 3 C and 10:00 in Oslo.", toolCalls: [] });
    expect((await trajectoryByExternalId("fc-2")).turns[1]!.toolCalls[0]!.arguments).toBe("{\"city\":\"Bergen\",  \"unit\":\"c\"}");

    const messy = await trajectoryByExternalId("messy-1");
    expect(messy.formatErrorCount).toBe(4);
    expect(messy.turns.map((turn) => turn.formatError).filter((reason) => reason !== null)).toEqual([
      "call get_weather (m1): arguments are not valid JSON",
      'call search_web (m2): tool "search_web" is not among the declared tools',
      "call get_weather (m3): arguments violate the tool's schema: arguments must have required property 'city'; call get_weather (m3) has no result",
      "result for unknown call id zz9",
    ]);
    const loop = await trajectoryByExternalId("loop-1");
    expect(loop.loopStartTurn).toBe(1);
    expect(loop.turns.filter((turn) => turn.inLoop).map((turn) => turn.index)).toEqual([1, 3, 5]);

    // one tool_sets row for the weather tools, linked from the four rows that declare them
    const sets = await pool().query<{ tools: unknown; rows: number }>(
      `select s.tools, count(t.id)::int as rows from tool_sets s join trajectories t on t.tool_set_id = s.id group by s.id order by s.id`,
    );
    expect(sets.rows.map((row) => row.rows).sort()).toEqual([1, 1, 4]);
    expect(sets.rows.find((row) => row.rows === 4)!.tools).toEqual(parallelRow.tools);
  });

  it("links a second import declaring the same tools to the stored set, and counts a re-run as a duplicate", async () => {
    const before = await pool().query<{ n: number }>("select count(*)::int as n from tool_sets");
    const rerun = structuredClone(parallelRow);
    const newRun = structuredClone(parallelRow);
    newRun.id = "fc-3";
    newRun.messages[1]!.tool_calls![1]!.function.arguments = "{\"tz\": \"UTC\"}";
    const report = await importFile(ACTOR, { filePath: writeLines(dir, "more-runs.jsonl", [rerun, newRun]) });
    expect(report).toMatchObject({ imported: 1, duplicates: 1 });
    const after = await pool().query<{ n: number }>("select count(*)::int as n from tool_sets");
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    const linked = await pool().query<{ n: number }>(
      "select count(distinct tool_set_id)::int as n from trajectories where external_id in ('fc-1', 'fc-3')",
    );
    expect(linked.rows[0]!.n).toBe(1);
  });

  it("stores NUL and an unpaired surrogate in call arguments as text columns do (jsonb refuses both), not failing the import", async () => {
    const odd = structuredClone(parallelRow);
    odd.id = "fc-odd";
    odd.messages[1]!.tool_calls![0]!.function.arguments = "{\"city\":\"Os\u0000lo \ud83d\"}";
    const report = await importFile(ACTOR, { filePath: writeLines(dir, "odd-runs.jsonl", [odd]) });
    expect(report.imported).toBe(1);
    expect((await trajectoryByExternalId("fc-odd")).turns[1]!.toolCalls[0]!.arguments).toBe("{\"city\":\"Os\u2400lo \ufffd\"}");
  });

  it("keeps ReAct rows of the same format as they were: no calls, no tool set", async () => {
    const react = { messages: [{ role: "user", content: "Question: q?" }, { role: "assistant", content: "Thought: t\nAction: finish[a]" }] };
    const report = await importFile(ACTOR, { filePath: writeLines(dir, "react.jsonl", [react]), task: "hotpotqa" });
    expect(report.imported).toBe(1);
    const row = await pool().query("select t.tool_set_id, u.tool_calls, u.tool_call_ids, u.call_syntax, u.action_kind from trajectories t join turns u on u.trajectory_id = t.id where t.task = 'hotpotqa' and u.index = 1");
    expect(row.rows[0]).toEqual({ tool_set_id: null, tool_calls: null, tool_call_ids: [], call_syntax: null, action_kind: "finish" });
  });
});
