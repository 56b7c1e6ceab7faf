import type pg from "pg";
import { recordAudit } from "@/lib/audit/events";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { UserFacingError } from "@/lib/errors";
import { assertCan, type TActor, type TRequestContext } from "@/lib/access/actor";
import { hashPassword, verifyPassword, ZEmail } from "./password";
import { assertAcceptablePassword } from "./password-policy";
import { ROLES, type TRole } from "@/lib/access/roles";
import { assertSetupCode, consumeSetupCode } from "./setup-code";

export type TUserInfo = { id: number; email: string; name: string | null; role: TRole; createdAt: Date; deactivatedAt: Date | null };

export async function userCount(): Promise<number> {
  return (await pool().query<{ n: number }>("select count(*)::int as n from users")).rows[0]!.n;
}

async function parseCredentials(input: { email: string; password: string; name?: string | null }) {
  const email = ZEmail.safeParse(input.email);
  if (!email.success) throw new UserFacingError(`email: ${email.error.issues[0]!.message}`);
  await assertAcceptablePassword(input.password, { email: email.data, name: input.name });
  return { email: email.data, password: input.password };
}

function parseRole(role: string): TRole {
  if (!(ROLES as readonly string[]).includes(role)) throw new UserFacingError(`role: must be one of ${ROLES.join(", ")}`);
  return role as TRole;
}

async function insertUser(client: pg.PoolClient, email: string, role: TRole, password: string, name?: string | null) {
  const taken = await client.query("select 1 from users where email = $1", [email]);
  if (taken.rowCount) throw new UserFacingError(`email: ${email} already has an account`);
  const created = await client.query<{ id: number }>(
    "insert into users (email, name, role, password_hash) values ($1, $2, $3, $4) returning id",
    [email, name ?? null, role, await hashPassword(password)],
  );
  return created.rows[0]!.id;
}

/**
 * First run: the one moment an account is created without an admin. Only while
 * no user exists and with the setup code the server printed (lib/auth/setup-code.ts);
 * an advisory lock makes two simultaneous attempts safe.
 */
export async function createFirstAdmin(input: { email: string; password: string; name?: string; setupCode: string }, context: TRequestContext): Promise<number> {
  const { email, password } = await parseCredentials(input);
  return withTransaction(async (client) => {
    await client.query("select pg_advisory_xact_lock(hashtext('trajectory-studio:first-admin'))");
    if ((await client.query("select 1 from users limit 1")).rowCount) {
      throw new UserFacingError("the first admin already exists: sign in, or ask an admin for an invitation");
    }
    await assertSetupCode(client, input.setupCode);
    const id = await insertUser(client, email, "admin", password, input.name);
    await consumeSetupCode(client);
    const self: TActor = { kind: "user", id, email, role: "admin", via: "session", context };
    await recordAudit(client, self, { type: "auth.first_admin_created", target: { type: "user", id }, after: { email, role: "admin" } });
    return id;
  });
}

/** An admin creates an account with a password (the CLI's `user add`). */
export async function createUser(actor: TActor, input: { email: string; password: string; role: string; name?: string }): Promise<number> {
  assertCan(actor, "users:manage");
  const { email, password } = await parseCredentials(input);
  const role = parseRole(input.role);
  return withTransaction(async (client) => {
    const id = await insertUser(client, email, role, password, input.name);
    await recordAudit(client, actor, { type: "user.created", target: { type: "user", id }, after: { email, role } });
    return id;
  });
}

export async function listUsers(actor: TActor): Promise<TUserInfo[]> {
  assertCan(actor, "users:manage");
  const result = await pool().query("select id, email, name, role, created_at, deactivated_at from users order by deactivated_at nulls first, email");
  return result.rows.map((row) => ({
    id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at, deactivatedAt: row.deactivated_at,
  }));
}

async function lockUser(client: pg.PoolClient, userId: number) {
  const found = await client.query<{ email: string; role: TRole; deactivated_at: Date | null }>(
    "select email, role, deactivated_at from users where id = $1 for update",
    [userId],
  );
  if (!found.rows[0]) throw new UserFacingError(`no user with id ${userId}`);
  return found.rows[0];
}

/** A team always keeps one active admin: refuses to demote or deactivate the last one. */
async function assertOtherActiveAdmin(client: pg.PoolClient, userId: number) {
  await client.query("select pg_advisory_xact_lock(hashtext('trajectory-studio:admins'))");
  const others = await client.query("select 1 from users where role = 'admin' and deactivated_at is null and id <> $1 limit 1", [userId]);
  if (!others.rowCount) throw new UserFacingError("this is the last active admin: make someone else admin first");
}

export async function changeRole(actor: TActor, userId: number, newRole: string): Promise<void> {
  assertCan(actor, "users:manage");
  const role = parseRole(newRole);
  await withTransaction(async (client) => {
    const user = await lockUser(client, userId);
    if (user.role === role) return;
    if (user.role === "admin") await assertOtherActiveAdmin(client, userId);
    await client.query("update users set role = $2 where id = $1", [userId, role]);
    await recordAudit(client, actor, { type: "user.role_changed", target: { type: "user", id: userId }, before: { role: user.role }, after: { role } });
  });
}

/** Deactivation ends the user's sessions at once; tokens stop working; past actions keep their name. */
export async function setUserActive(actor: TActor, userId: number, active: boolean): Promise<void> {
  assertCan(actor, "users:manage");
  if (!active && actor.kind === "user" && actor.id === userId) throw new UserFacingError("you cannot deactivate yourself");
  await withTransaction(async (client) => {
    const user = await lockUser(client, userId);
    if ((user.deactivated_at === null) === active) return;
    if (!active && user.role === "admin") await assertOtherActiveAdmin(client, userId);
    await client.query("update users set deactivated_at = $2 where id = $1", [userId, active ? null : new Date()]);
    if (!active) await client.query("delete from sessions where user_id = $1", [userId]);
    await recordAudit(client, actor, {
      type: active ? "user.reactivated" : "user.deactivated",
      target: { type: "user", id: userId },
      before: { active: !active },
      after: { active },
    });
  });
}

/**
 * Changes the caller's own password after checking the current one. Other
 * sessions are signed out and every API token of the user is revoked (a token
 * made by someone who knew the old password must not outlive it); the kept
 * session counts as freshly checked.
 */
export async function changePassword(
  actor: TActor,
  input: { current: string; next: string },
  keepSessionId: string | null,
): Promise<{ revokedTokens: number }> {
  assertCan(actor, "account:manage-own");
  if (actor.kind !== "user") throw new UserFacingError("only a user has a password");
  return withTransaction(async (client) => {
    const found = await client.query<{ password_hash: string; email: string; name: string | null }>(
      "select password_hash, email, name from users where id = $1 for update",
      [actor.id],
    );
    const user = found.rows[0];
    if (!user || !(await verifyPassword(user.password_hash, input.current))) {
      throw new UserFacingError("current password: it is not your current password");
    }
    await assertAcceptablePassword(input.next, user, "new password");
    await client.query("update users set password_hash = $2, password_changed_at = now() where id = $1", [actor.id, await hashPassword(input.next)]);
    await client.query("delete from sessions where user_id = $1 and id is distinct from $2", [actor.id, keepSessionId]);
    await client.query("update sessions set password_verified_at = now() where user_id = $1 and id = $2", [actor.id, keepSessionId]);
    const revoked = await client.query<{ id: number; name: string; prefix: string }>(
      "update api_tokens set revoked_at = now() where user_id = $1 and revoked_at is null returning id, name, prefix",
      [actor.id],
    );
    await recordAudit(client, actor, {
      type: "auth.password_changed",
      target: { type: "user", id: actor.id },
      after: { revokedTokens: revoked.rows },
    });
    return { revokedTokens: revoked.rows.length };
  });
}
