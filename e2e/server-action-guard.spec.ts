import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { databaseFingerprint, e2eDatabase } from "./support/database";
import { builtActions, callAction, cookieHeader } from "./support/server-actions";
import { addMember } from "./support/team";

/**
 * Guard against the next server action: every exported function of every
 * "use server" module under app/ is found on disk at test time, and each one
 * must refuse an anonymous caller (401) and a viewer (403) before it writes
 * anything. A new action without a permission check fails here.
 */

/** Open to anyone, by design (each checks what it needs itself: a password, a setup state, an invitation token). */
const PUBLIC_ACTIONS: Record<string, string> = {
  signInAction: "signing in is how a session starts",
  signOutAction: "ends the caller's own session, if any",
  setupAction: "first run only: refuses once an account exists",
  acceptInviteAction: "the invitation token is the permission",
};

/** Every role may call these: they act on the caller's own account (checked by lib/auth), so a viewer is not refused. */
const OWN_ACCOUNT_ACTIONS: Record<string, string> = {
  changePasswordAction: "the caller's own password",
  createTokenAction: "a token for the caller",
  revokeTokenAction: "only the caller's own tokens",
};

/** Plausible fields for any action's form: an unguarded action would act on them. */
const FIELDS = {
  datasetId: "1", userId: "1", role: "viewer", active: "false", required: "2", rule: "first", id: "1", name: "guard",
  email: "guard-invitee@e2e.test", task: "os", value: "0.5", reason: "guard", proposalId: "1", body: "guard", note: "guard",
  version: "0", noRewardTreatment: "exclude", defaultForOtherTasks: "0.5", current: "x", next: "guard password 1", confirm: "guard password 1",
};

type TSourceAction = { file: string; name: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Strips leading comments and blank lines: a module directive must come first. */
function firstStatement(source: string): string {
  return source.replace(/^(\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "").split("\n")[0] ?? "";
}

function isServerModule(source: string): boolean {
  return /^["']use server["'];?$/.test(firstStatement(source).trim());
}

/** Every exported function of every "use server" module under app/, found on disk now. */
function sourceActions(): TSourceAction[] {
  return sourceFiles("app").flatMap((file) => {
    const source = readFileSync(file, "utf8");
    if (!isServerModule(source)) return [];
    expect(source, `${file}: list exports by name (export async function / export const) so this guard finds them`).not.toMatch(/^export\s+(default|\{|\*)/m);
    return [...source.matchAll(/^export\s+(?:async\s+function\*?|function\*?|const|let|var)\s+(\w+)/gm)].map((match) => ({ file, name: match[1]! }));
  });
}

test("every server action refuses an anonymous caller (401) and a viewer (403), and writes nothing", async ({ page, browser, baseURL }) => {
  // Two fingerprints of every table per action, on the database the earlier specs filled: minutes on a busy machine.
  test.setTimeout(300_000);
  const onDisk = sourceActions();
  expect(onDisk.length, "server actions found under app/").toBeGreaterThan(10);

  // Inline "use server" functions (in a page or component) would escape this list.
  for (const file of [...sourceFiles("app"), ...sourceFiles("components"), ...sourceFiles("lib")]) {
    const source = readFileSync(file, "utf8");
    const directives = source.match(/^\s*["']use server["']/gm)?.length ?? 0;
    expect(directives, `${file}: server actions live in "use server" modules under app/<feature>/actions.ts, not inline`).toBe(isServerModule(source) && file.startsWith("app/") ? 1 : 0);
  }

  const built = builtActions();
  for (const action of built) {
    expect(onDisk.some((found) => found.file === action.file && found.name === action.name), `${action.file} ${action.name}: a built action outside app/`).toBe(true);
  }

  const viewer = await addMember(page, browser, "guard-viewer@e2e.test", "viewer");
  const viewerCookie = await cookieHeader(viewer.context());
  const db = await e2eDatabase();
  try {
    for (const action of onDisk) {
      if (PUBLIC_ACTIONS[action.name]) continue;
      const target = built.find((entry) => entry.file === action.file && entry.name === action.name);
      expect(target, `${action.file} ${action.name}: exported but no page uses it (remove it)`).toBeDefined();
      const label = `${action.file} ${action.name}`;

      const before = await databaseFingerprint(db);
      const anonymous = await callAction(baseURL!, target!, FIELDS);
      expect(anonymous.status, `${label} called anonymously`).toBe(401);
      expect(await databaseFingerprint(db), `${label} called anonymously wrote`).toEqual(before);

      if (OWN_ACCOUNT_ACTIONS[action.name]) continue;
      const asViewer = await callAction(baseURL!, target!, FIELDS, { cookie: viewerCookie });
      expect(asViewer.status, `${label} called by a viewer`).toBe(403);
      expect(await databaseFingerprint(db), `${label} called by a viewer wrote`).toEqual(before);
    }
  } finally {
    await db.end();
  }
});
