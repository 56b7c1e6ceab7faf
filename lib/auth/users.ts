import { recordAudit } from "@/lib/audit/events";
import { prisma } from "@/lib/db/client";
import { inTransaction, type TTx } from "@/lib/db/transaction";
import type { User } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/errors";
import { assertCan, type TActor, type TRequestContext } from "@/lib/access/actor";
import { hashPassword, verifyPassword, ZEmail } from "./password";
import { assertAcceptablePassword } from "./password-policy";
import { ROLES, type TRole } from "@/lib/access/roles";
import { assertSetupCode, consumeSetupCode } from "./setup-code";

const INFO_SELECT = { id: true, email: true, name: true, role: true, createdAt: true, deactivatedAt: true } as const;
export type TUserInfo = Pick<User, keyof typeof INFO_SELECT>;

export async function userCount(): Promise<number> {
  return prisma().user.count();
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

async function insertUser(tx: TTx, email: string, role: TRole, password: string, name?: string | null) {
  const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) throw new UserFacingError(`email: ${email} already has an account`);
  const created = await tx.user.create({ data: { email, name: name ?? null, role, passwordHash: await hashPassword(password) }, select: { id: true } });
  return created.id;
}

/**
 * First run: the one moment an account is created without an admin. Only while
 * no user exists and with the setup code the server printed (lib/auth/setup-code.ts);
 * an advisory lock makes two simultaneous attempts safe.
 */
export async function createFirstAdmin(input: { email: string; password: string; name?: string; setupCode: string }, context: TRequestContext): Promise<number> {
  const { email, password } = await parseCredentials(input);
  return inTransaction(async (tx) => {
    await advisoryLock(tx, "trajectory-studio:first-admin");
    if (await tx.user.findFirst({ select: { id: true } })) {
      throw new UserFacingError("the first admin already exists: sign in, or ask an admin for an invitation");
    }
    await assertSetupCode(tx, input.setupCode);
    const id = await insertUser(tx, email, "admin", password, input.name);
    await consumeSetupCode(tx);
    const self: TActor = { kind: "user", id, email, role: "admin", via: "session", context };
    await recordAudit(tx, self, { type: "auth.first_admin_created", target: { type: "user", id }, after: { email, role: "admin" } });
    return id;
  });
}

/** An admin creates an account with a password (the CLI's `user add`). */
export async function createUser(actor: TActor, input: { email: string; password: string; role: string; name?: string }): Promise<number> {
  assertCan(actor, "users:manage");
  const { email, password } = await parseCredentials(input);
  const role = parseRole(input.role);
  return inTransaction(async (tx) => {
    const id = await insertUser(tx, email, role, password, input.name);
    await recordAudit(tx, actor, { type: "user.created", target: { type: "user", id }, after: { email, role } });
    return id;
  });
}

export async function listUsers(actor: TActor): Promise<TUserInfo[]> {
  assertCan(actor, "users:manage");
  return prisma().user.findMany({ orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { email: "asc" }], select: INFO_SELECT });
}

/** A transaction-scoped advisory lock: serialises the checks that a row lock cannot cover (no row yet, or many rows). */
async function advisoryLock(tx: TTx, name: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${name}))`;
}

async function lockUser(tx: TTx, userId: number) {
  const [user] = await tx.$queryRaw<Pick<User, "email" | "role" | "deactivatedAt">[]>`
    select email, role, deactivated_at as "deactivatedAt" from users where id = ${userId} for update`;
  if (!user) throw new UserFacingError(`no user with id ${userId}`);
  return user;
}

/** A team always keeps one active admin: refuses to demote or deactivate the last one. */
async function assertOtherActiveAdmin(tx: TTx, userId: number) {
  await advisoryLock(tx, "trajectory-studio:admins");
  const other = await tx.user.findFirst({ where: { role: "admin", deactivatedAt: null, id: { not: userId } }, select: { id: true } });
  if (!other) throw new UserFacingError("this is the last active admin: make someone else admin first");
}

export async function changeRole(actor: TActor, userId: number, newRole: string): Promise<void> {
  assertCan(actor, "users:manage");
  const role = parseRole(newRole);
  await inTransaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.role === role) return;
    if (user.role === "admin") await assertOtherActiveAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(tx, actor, { type: "user.role_changed", target: { type: "user", id: userId }, before: { role: user.role }, after: { role } });
  });
}

/** Deactivation ends the user's sessions at once; tokens stop working; past actions keep their name. */
export async function setUserActive(actor: TActor, userId: number, active: boolean): Promise<void> {
  assertCan(actor, "users:manage");
  if (!active && actor.kind === "user" && actor.id === userId) throw new UserFacingError("you cannot deactivate yourself");
  await inTransaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if ((user.deactivatedAt === null) === active) return;
    if (!active && user.role === "admin") await assertOtherActiveAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: active ? null : new Date() } });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, actor, {
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
  const userId = actor.id;
  return inTransaction(async (tx) => {
    const [user] = await tx.$queryRaw<Pick<User, "passwordHash" | "email" | "name">[]>`
      select password_hash as "passwordHash", email, name from users where id = ${userId} for update`;
    if (!user || !(await verifyPassword(user.passwordHash, input.current))) {
      throw new UserFacingError("current password: it is not your current password");
    }
    await assertAcceptablePassword(input.next, user, "new password");
    const now = new Date();
    await tx.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.next), passwordChangedAt: now } });
    await tx.session.deleteMany({ where: keepSessionId === null ? { userId } : { userId, id: { not: keepSessionId } } });
    if (keepSessionId !== null) await tx.session.updateMany({ where: { userId, id: keepSessionId }, data: { passwordVerifiedAt: now } });
    const revoked = await tx.apiToken.updateManyAndReturn({
      where: { userId, revokedAt: null },
      data: { revokedAt: now },
      select: { id: true, name: true, prefix: true },
    });
    await recordAudit(tx, actor, {
      type: "auth.password_changed",
      target: { type: "user", id: userId },
      after: { revokedTokens: revoked },
    });
    return { revokedTokens: revoked.length };
  });
}
