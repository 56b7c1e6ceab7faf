import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { deleteDataset } from "@/lib/datasets/delete-dataset";
import { pool } from "@/lib/db/client";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { ForbiddenError, type TActor, UnauthenticatedError } from "@/lib/access/actor";
import { acceptInvite, createInvite, listPendingInvites, revokeInvite } from "./invites";
import { hashSecret } from "./secrets";
import { actorFromSession } from "./sessions";
import { MAX_FAILURES_PER_ACCOUNT, SignInError, signIn } from "./sign-in";
import { actorFromApiToken, createApiToken, revokeApiToken } from "./tokens";
import { issueSetupCode } from "./setup-code";
import { changePassword, changeRole, createFirstAdmin, createUser, listUsers, setUserActive } from "./users";

useTestDatabase();

const context = { requestId: "test-request", ip: "10.0.0.1" };
const meta = { ...context, userAgent: "vitest" };
const PASSWORD = "correct horse battery";
let admin: TActor;
let viewer: TActor;
let viewerId = 0;

async function eventCount(): Promise<number> {
  return (await pool().query<{ n: number }>("select count(*)::int as n from audit_events")).rows[0]!.n;
}

/** Each user's browser session (stored id), which creating a token needs. */
const sessionIds = new Map<string, string>();

async function asUser(email: string): Promise<TActor> {
  const session = await signIn({ email, password: PASSWORD }, { ...meta, ip: `10.1.${Math.floor(Math.random() * 250)}.1` });
  sessionIds.set(email, hashSecret(session.token));
  return (await actorFromSession(session.token, context))!;
}

beforeAll(async () => {
  await createFirstAdmin({ email: "Ada@Lab.org", password: PASSWORD, setupCode: await issueSetupCode() }, context);
  admin = await asUser("ada@lab.org");
  viewerId = await createUser(admin, { email: "vic@lab.org", password: PASSWORD, role: "viewer" });
  viewer = await asUser("vic@lab.org");
});

describe("first run", () => {
  it("created one admin with a lower-cased email, and refuses a second first admin", async () => {
    expect(admin).toMatchObject({ kind: "user", email: "ada@lab.org", role: "admin" });
    await expect(createFirstAdmin({ email: "eve@lab.org", password: PASSWORD, setupCode: await issueSetupCode() }, context)).rejects.toThrow(/already exists/);
    const events = await pool().query("select type, actor_label, request_id, ip from audit_events where type = 'auth.first_admin_created'");
    expect(events.rows).toEqual([{ type: "auth.first_admin_created", actor_label: "ada@lab.org", request_id: "test-request", ip: "10.0.0.1" }]);
  });
});

describe("sign-in", () => {
  it("gives the same answer for a wrong password and an unknown email, and audits both", async () => {
    const before = await eventCount();
    await expect(signIn({ email: "ada@lab.org", password: "wrong password!" }, meta)).rejects.toThrow("the email or the password is wrong");
    await expect(signIn({ email: "nobody@lab.org", password: "wrong password!" }, meta)).rejects.toThrow("the email or the password is wrong");
    expect(await eventCount()).toBe(before + 2);
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    await createUser(admin, { email: "rita@lab.org", password: PASSWORD, role: "reviewer" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i += 1) {
      await expect(signIn({ email: "rita@lab.org", password: "not it at all" }, { ...meta, ip: `10.9.0.${i}` })).rejects.toThrow(SignInError);
    }
    const locked = signIn({ email: "rita@lab.org", password: PASSWORD }, { ...meta, ip: "10.9.1.1" });
    await expect(locked).rejects.toMatchObject({ status: 429 });
  });

  it("limits failures per address across accounts", async () => {
    const ip = "10.200.0.1";
    for (let i = 0; i < 20; i += 1) {
      await expect(signIn({ email: `guess${i}@lab.org`, password: "nope nope nope" }, { ...meta, ip })).rejects.toMatchObject({ status: 401 });
    }
    await expect(signIn({ email: "ada@lab.org", password: PASSWORD }, { ...meta, ip })).rejects.toMatchObject({ status: 429 });
  });
});

describe("permissions are checked in lib, not only in the UI", () => {
  const file = writeLines(scratchDir(), "os-perm.jsonl", [osRow("os_1", "Uptime?", [{ think: "t", answer: "1" }])]);
  const mutations: [string, (actor: TActor) => Promise<unknown>][] = [
    ["import", (actor) => importFile(actor, { filePath: file })],
    ["delete dataset", (actor) => deleteDataset(actor, 1)],
    ["create user", (actor) => createUser(actor, { email: "x@lab.org", password: PASSWORD, role: "viewer" })],
    ["change role", (actor) => changeRole(actor, viewerId, "admin")],
    ["deactivate", (actor) => setUserActive(actor, viewerId, false)],
    ["invite", (actor) => createInvite(actor, { email: "y@lab.org", role: "admin" })],
    ["list invitations", (actor) => listPendingInvites(actor)],
    ["revoke an invitation", (actor) => revokeInvite(actor, 1)],
    ["list users", (actor) => listUsers(actor)],
    ["read audit", (actor) => listAuditEvents(actor, {} as never)],
  ];
  for (const [name, mutate] of mutations) {
    it(`a viewer cannot ${name}, and nothing is written`, async () => {
      const before = await eventCount();
      await expect(mutate(viewer)).rejects.toThrow(ForbiddenError);
      await expect(mutate(null as unknown as TActor)).rejects.toThrow(UnauthenticatedError);
      expect(await eventCount()).toBe(before);
    });
  }
});

describe("every mutation writes exactly one audit event", () => {
  async function oneEvent(type: string, work: () => Promise<unknown>) {
    const before = await eventCount();
    await work();
    expect(await eventCount()).toBe(before + 1);
    const last = await pool().query("select type from audit_events order by id desc limit 1");
    expect(last.rows[0].type).toBe(type);
  }

  it("user created, role changed, deactivated, reactivated", async () => {
    let id = 0;
    await oneEvent("user.created", async () => (id = await createUser(admin, { email: "sam@lab.org", password: PASSWORD, role: "viewer" })));
    await oneEvent("user.role_changed", () => changeRole(admin, id, "reviewer"));
    await oneEvent("user.deactivated", () => setUserActive(admin, id, false));
    await oneEvent("user.reactivated", () => setUserActive(admin, id, true));
    const change = await pool().query("select before, after from audit_events where type = 'user.role_changed' and target_id = $1", [String(id)]);
    expect(change.rows[0]).toEqual({ before: { role: "viewer" }, after: { role: "reviewer" } });
  });

  it("a failing mutation writes none", async () => {
    const before = await eventCount();
    await expect(createUser(admin, { email: "sam@lab.org", password: PASSWORD, role: "viewer" })).rejects.toThrow(/already has an account/);
    await expect(changeRole(admin, (admin as { id: number }).id, "viewer")).rejects.toThrow(/last active admin/);
    await expect(setUserActive(admin, (admin as { id: number }).id, false)).rejects.toThrow(/yourself/);
    expect(await eventCount()).toBe(before);
  });

  it("tokens: created, used with the owner's role, revoked and then refused", async () => {
    let token = "";
    let tokenId = 0;
    await oneEvent("token.created", async () => {
      const created = await createApiToken(viewer, { name: "nightly script", sessionId: sessionIds.get("vic@lab.org")! });
      token = created.token;
      tokenId = created.info.id;
    });
    expect(await actorFromApiToken(token, context)).toMatchObject({ email: "vic@lab.org", role: "viewer", via: "token" });
    await expect(revokeApiToken(admin, tokenId)).rejects.toThrow(/no active token/);
    await oneEvent("token.revoked", () => revokeApiToken(viewer, tokenId));
    expect(await actorFromApiToken(token, context)).toBeNull();
    const stored = await pool().query("select token_hash from api_tokens where id = $1", [tokenId]);
    expect(stored.rows[0].token_hash).not.toContain(token.slice(3));
  });

  it("invite, then accept once", async () => {
    let link = "";
    await oneEvent("user.invited", async () => (link = (await createInvite(admin, { email: "new@lab.org", role: "reviewer" })).token));
    await oneEvent("user.created", () => acceptInvite(link, PASSWORD, context));
    await expect(acceptInvite(link, PASSWORD, context)).rejects.toThrow(/used, expired or wrong/);
    const created = await pool().query("select role from users where email = 'new@lab.org'");
    expect(created.rows[0].role).toBe("reviewer");
  });

  it("pending invitations are listed with role and expiry; a revoked one leaves the list and its link stops working", async () => {
    const { token } = await createInvite(admin, { email: "later@lab.org", role: "viewer" });
    const pending = (await listPendingInvites(admin)).find((invite) => invite.email === "later@lab.org")!;
    expect(pending).toMatchObject({ role: "viewer" });
    expect(pending.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    expect((await listPendingInvites(admin)).some((invite) => invite.email === "new@lab.org")).toBe(false);
    await oneEvent("user.invite_revoked", () => revokeInvite(admin, pending.id));
    expect((await listPendingInvites(admin)).some((invite) => invite.email === "later@lab.org")).toBe(false);
    await expect(acceptInvite(token, PASSWORD, context)).rejects.toThrow(/used, expired or wrong/);
    const before = await eventCount();
    await expect(revokeInvite(admin, pending.id)).rejects.toThrow(`invitation ${pending.id}: not pending`);
    expect(await eventCount()).toBe(before);
  });

  it("password change checks the current password and signs out other sessions", async () => {
    const other = await signIn({ email: "vic@lab.org", password: PASSWORD }, { ...meta, ip: "10.3.3.3" });
    await expect(changePassword(viewer, { current: "wrong one!!", next: "a new long password" }, null)).rejects.toThrow(/current password/);
    await oneEvent("auth.password_changed", () => changePassword(viewer, { current: PASSWORD, next: "a new long password" }, null));
    expect(await actorFromSession(other.token, context)).toBeNull();
    await expect(signIn({ email: "vic@lab.org", password: "a new long password" }, { ...meta, ip: "10.3.3.4" })).resolves.toBeTruthy();
  });
});

describe("deactivation", () => {
  it("ends sessions, stops tokens and refuses sign-in; past actions keep the name", async () => {
    const id = await createUser(admin, { email: "dee@lab.org", password: PASSWORD, role: "reviewer" });
    const dee = await asUser("dee@lab.org");
    const { token } = await createApiToken(dee, { name: "script", sessionId: sessionIds.get("dee@lab.org")! });
    const session = await signIn({ email: "dee@lab.org", password: PASSWORD }, { ...meta, ip: "10.4.4.4" });
    await setUserActive(admin, id, false);
    expect(await actorFromSession(session.token, context)).toBeNull();
    expect(await actorFromApiToken(token, context)).toBeNull();
    await expect(signIn({ email: "dee@lab.org", password: PASSWORD }, { ...meta, ip: "10.4.4.5" })).rejects.toMatchObject({ status: 403 });
    const past = await pool().query("select actor_label from audit_events where type = 'token.created' and actor_id = $1", [id]);
    expect(past.rows).toEqual([{ actor_label: "dee@lab.org" }]);
  });
});
