import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { ForbiddenError, type TActor } from "@/lib/access/actor";
import { hashSecret } from "./secrets";
import { actorFromSession } from "./sessions";
import { signIn } from "./sign-in";
import { actorFromApiToken, createApiToken, listApiTokens } from "./tokens";
import { changePassword, createFirstAdmin, createUser } from "./users";
import { issueSetupCode } from "@/lib/auth/setup-code";

useTestDatabase();

const context = { requestId: "token-test", ip: "10.0.0.1" };
const PASSWORD = "quartz meadow tangerine 7";
const NEXT_PASSWORD = "violet harbour lantern 42";

/** A browser session: the actor and the session's stored id (the cookie's hash). */
async function signedIn(email: string, password = PASSWORD): Promise<{ actor: TActor; sessionId: string }> {
  const session = await signIn({ email, password }, { ...context, ip: `10.2.${Math.floor(Math.random() * 250)}.1`, userAgent: "vitest" });
  return { actor: (await actorFromSession(session.token, context))!, sessionId: hashSecret(session.token) };
}

async function signedInMinutesAgo(sessionId: string, minutes: number) {
  await pool().query("update sessions set password_verified_at = now() - make_interval(mins => $2) where id = $1", [sessionId, minutes]);
}

beforeAll(async () => {
  await createFirstAdmin({ email: "ada@lab.org", password: PASSWORD, setupCode: await issueSetupCode() }, context);
  const { actor: admin } = await signedIn("ada@lab.org");
  await createUser(admin, { email: "vic@lab.org", password: PASSWORD, role: "viewer" });
  await createUser(admin, { email: "pat@lab.org", password: PASSWORD, role: "reviewer" });
});

describe("creating an API token needs a fresh password check", () => {
  it("a session that signed in just now may create one", async () => {
    const { actor, sessionId } = await signedIn("vic@lab.org");
    const { token } = await createApiToken(actor, { name: "fresh", sessionId });
    expect(await actorFromApiToken(token, context)).toMatchObject({ email: "vic@lab.org", via: "token" });
  });

  it("a session signed in 16 minutes ago is refused; re-confirming the password allows it", async () => {
    const { actor, sessionId } = await signedIn("vic@lab.org");
    await signedInMinutesAgo(sessionId, 16);
    await expect(createApiToken(actor, { name: "stale", sessionId })).rejects.toThrow(/confirm your password.*within the last 15 minutes/);
    await expect(createApiToken(actor, { name: "stale", sessionId, confirmPassword: "not my password at all" })).rejects.toThrow(
      /confirm your password: it is not your current password/,
    );
    const created = await createApiToken(actor, { name: "reconfirmed", sessionId, confirmPassword: PASSWORD });
    expect(created.info.name).toBe("reconfirmed");
    // The confirmation counts for the next 15 minutes too.
    await expect(createApiToken(actor, { name: "again", sessionId })).resolves.toBeTruthy();
    const names = (await listApiTokens(actor)).map((token) => token.name);
    expect(names).toContain("reconfirmed");
    expect(names).not.toContain("stale");
  });

  it("a session from before this rule (never checked) is refused", async () => {
    const { actor, sessionId } = await signedIn("vic@lab.org");
    await pool().query("update sessions set password_verified_at = null where id = $1", [sessionId]);
    await expect(createApiToken(actor, { name: "old session", sessionId })).rejects.toThrow(/within the last 15 minutes/);
  });

  it("a bearer-token actor is refused, even with the password and a live session's id", async () => {
    const { actor, sessionId } = await signedIn("vic@lab.org");
    const { token } = await createApiToken(actor, { name: "script", sessionId });
    const viaToken = (await actorFromApiToken(token, context))!;
    const before = (await listApiTokens(actor)).length;
    await expect(createApiToken(viaToken, { name: "minted", sessionId: null })).rejects.toThrow(ForbiddenError);
    await expect(createApiToken(viaToken, { name: "minted", sessionId, confirmPassword: PASSWORD })).rejects.toThrow(/signed-in browser session/);
    expect(await listApiTokens(actor)).toHaveLength(before);
  });

  it("another user's session does not count", async () => {
    const { actor } = await signedIn("vic@lab.org");
    const { sessionId: patSession } = await signedIn("pat@lab.org");
    await expect(createApiToken(actor, { name: "borrowed", sessionId: patSession })).rejects.toThrow(/session/);
    await expect(createApiToken(actor, { name: "borrowed", sessionId: patSession, confirmPassword: PASSWORD })).rejects.toThrow(/session/);
  });
});

describe("a password change revokes the user's API tokens", () => {
  it("every token stops authenticating, the change is audited with them, and the kept session stays fresh", async () => {
    const { actor, sessionId } = await signedIn("pat@lab.org");
    const first = await createApiToken(actor, { name: "nightly", sessionId });
    const second = await createApiToken(actor, { name: "ci", sessionId });
    expect(await actorFromApiToken(first.token, context)).not.toBeNull();
    const { actor: vic, sessionId: vicSession } = await signedIn("vic@lab.org");
    const bystander = await createApiToken(vic, { name: "untouched", sessionId: vicSession });

    const result = await changePassword(actor, { current: PASSWORD, next: NEXT_PASSWORD }, sessionId);
    expect(result.revokedTokens).toBe(2);
    expect(await actorFromApiToken(first.token, context)).toBeNull();
    expect(await actorFromApiToken(second.token, context)).toBeNull();
    expect(await actorFromApiToken(bystander.token, context)).not.toBeNull();
    expect((await listApiTokens(actor)).every((token) => token.revokedAt !== null)).toBe(true);

    const audit = await pool().query("select after from audit_events where type = 'auth.password_changed' and actor_label = 'pat@lab.org'");
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after.revokedTokens.map((token: { name: string }) => token.name).sort()).toEqual(["ci", "nightly"]);

    await signedInMinutesAgo(sessionId, 20);
    await changePassword(actor, { current: NEXT_PASSWORD, next: PASSWORD }, sessionId);
    await expect(createApiToken(actor, { name: "after change", sessionId })).resolves.toBeTruthy();
  });
});
