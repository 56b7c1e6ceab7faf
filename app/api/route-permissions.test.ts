/**
 * The guard against the next route: every route handler under app/ is found
 * on disk at test time, and each state-changing method (POST, PUT, PATCH,
 * DELETE) is called as an anonymous caller, as a viewer with an API token and
 * as a viewer with a session cookie from this site. Each must be refused
 * (401 / 403) and must write nothing: every table's rows are compared before
 * and after. A route added without a permission check fails here.
 * (Server actions have their own guard.)
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/access/actor";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { createApiToken } from "@/lib/auth/tokens";
import { hashSecret } from "@/lib/auth/secrets";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { callRoute, TEST_ORIGIN } from "@/testing/routes";
import { proposeThreshold } from "@/lib/thresholds/decisions";
import { issueSetupCode } from "@/lib/auth/setup-code";

useTestDatabase();

const APP = path.resolve("app");
const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * State-changing methods anyone signed in may call, each with the reason. They
 * are still called, and must still write nothing. Keep this list short.
 */
const ALLOWED: Record<string, string> = {
  "POST /api/v1/exports/preview": "reads only: the counts a recipe would give now; nothing is stored",
};

/** Columns that change when a credential is merely used (sliding expiry, last use), not by what a route does. */
const VOLATILE: Record<string, string[]> = {
  api_tokens: ["last_used_at"],
  sessions: ["last_seen_at", "expires_at"],
};

/** Every route.ts / route.js under app/, as URL paths with their files. */
function routeFiles(dir = APP): { file: string; urlPath: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (!/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) return [];
    const segments = path.relative(APP, dir).split(path.sep).filter((segment) => !/^\(.*\)$/.test(segment));
    return [{ file: full, urlPath: `/${segments.join("/")}` }];
  });
}

/** Dynamic segments get the id of a row that exists, so a route that forgot its check would really change it. */
function fill(urlPath: string, trajectoryId: string, stepId: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const filled = urlPath.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_match, name: string, offset: number) => {
    const before = urlPath.slice(0, offset);
    const value =
      name === "task" ? "os"
      : name === "index" ? "0"
      : name === "name" ? "recipe"
      : name === "trajectoryId" || before.endsWith("/trajectories/") ? trajectoryId
      : before.endsWith("/steps/") ? stepId
      : "1";
    params[name] = value;
    return value;
  });
  return { path: filled, params };
}

async function snapshot(): Promise<Record<string, string>> {
  const tables = await pool().query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const state: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = "(to_jsonb(t) - $1::text[])::text";
    const result = await pool().query<{ n: number; sum: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(${row}, ',' order by ${row}), '')) as sum from "${name}" t`,
      [VOLATILE[name] ?? []],
    );
    state[name] = `${result.rows[0]!.n} rows, ${result.rows[0]!.sum}`;
  }
  return state;
}

const routes = routeFiles();
const context = { requestId: "route-permissions-test", ip: null };
const PASSWORD = "a long and unusual passphrase 7";
let viewerToken = "";
let viewerSession = "";
let trajectoryId = "";
let stepId = "";

beforeAll(async () => {
  const adminId = await createFirstAdmin({ email: "ada@lab.example", password: PASSWORD, setupCode: await issueSetupCode() }, context);
  const admin: TActor = { kind: "user", id: adminId, email: "ada@lab.example", role: "admin", via: "session", context };
  const viewerId = await createUser(admin, { email: "vic@lab.example", password: PASSWORD, role: "viewer" });
  const viewer: TActor = { kind: "user", id: viewerId, email: "vic@lab.example", role: "viewer", via: "session", context };
  viewerSession = (await createSession(viewerId, { ip: null, userAgent: "vitest" })).token;
  viewerToken = (await createApiToken(viewer, { name: "guard test", sessionId: hashSecret(viewerSession) })).token;
  const file = writeLines(scratchDir(), "os.jsonl", [osRow("os_1", "How many users?", [{ think: "I count.", bash: "wc -l /etc/passwd", output: "3" }, { think: "Three.", answer: "3" }])]);
  await importFile(admin, { filePath: file });
  await proposeThreshold(admin, "os", { value: 0.5, reason: "the method says so" });
  const step = await pool().query<{ trajectory_id: string; id: string }>("select trajectory_id::text, id::text from turns where role = 'assistant' order by id limit 1");
  trajectoryId = step.rows[0]!.trajectory_id;
  stepId = step.rows[0]!.id;
});

describe("every state-changing route handler refuses anonymous callers and viewers, and writes nothing", () => {
  it("finds the route handlers on disk, and every allow-listed route still exists", async () => {
    expect(routes.length).toBeGreaterThan(20);
    const found = new Set<string>();
    for (const route of routes) {
      const handlers = (await import(route.file)) as Record<string, unknown>;
      for (const method of STATE_CHANGING) if (typeof handlers[method] === "function") found.add(`${method} ${route.urlPath}`);
    }
    for (const allowed of Object.keys(ALLOWED)) expect(found, `the allow-list names ${allowed}, which no longer exists`).toContain(allowed);
  });

  it.each(routes.map((route) => [route.urlPath, route.file] as const))("%s", async (urlPath, file) => {
    const handlers = (await import(file)) as Record<string, unknown>;
    for (const method of STATE_CHANGING) {
      const handler = handlers[method];
      if (typeof handler !== "function") continue;
      const name = `${method} ${urlPath}`;
      const target = fill(urlPath, trajectoryId, stepId);
      const callers: [string, Record<string, string>, number][] = [
        ["an anonymous caller", {}, 401],
        ["a viewer's API token", { authorization: `Bearer ${viewerToken}` }, 403],
        ["a viewer's session from this site", { cookie: `${SESSION_COOKIE}=${viewerSession}`, origin: TEST_ORIGIN, host: new URL(TEST_ORIGIN).host, "sec-fetch-site": "same-origin" }, 403],
      ];
      for (const [who, headers, refusal] of callers) {
        const before = await snapshot();
        const response = await callRoute(handler, { method, path: target.path, params: target.params, headers, body: {} });
        const answer = await response.text();
        expect(await snapshot(), `${name} as ${who} wrote to the database`).toEqual(before);
        if (ALLOWED[name] && refusal === 403) continue;
        expect(response.status, `${name} as ${who} answered ${response.status} ${answer.slice(0, 200)}`).toBe(refusal);
        if (refusal === 403) expect(answer, `${name} as ${who}: refused for the role, not for the origin`).toContain('"forbidden"');
      }
    }
  });
});
