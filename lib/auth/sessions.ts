import { prisma } from "@/lib/db/client";
import type { TActor, TRequestContext } from "@/lib/access/actor";
import { verifyPassword } from "./password";
import type { TRole } from "@/lib/access/roles";
import { hashSecret, newSecret } from "./secrets";

export const SESSION_COOKIE = "ts_session";
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;
/** Sliding expiry is refreshed at most this often, not on every request. */
const REFRESH_AFTER_MS = DAY_MS;
/** Sensitive actions (creating an API token) need the password proved this recently in the session. */
export const FRESH_PASSWORD_MINUTES = 15;

/** A session opens right after its password was checked (sign-in, or an account just created with it). */
export async function createSession(userId: number, meta: { ip: string | null; userAgent: string | null }): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY_MS);
  await prisma().session.create({
    data: { id: hashSecret(token), userId, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null, passwordVerifiedAt: new Date() },
  });
  return { token, expiresAt };
}

/** The user behind a session cookie, if the session is live and the user active. */
export async function actorFromSession(token: string, context: TRequestContext): Promise<TActor | null> {
  const id = hashSecret(token);
  const row = await prisma().session.findFirst({
    where: { id, expiresAt: { gt: new Date() }, user: { deactivatedAt: null } },
    select: { userId: true, lastSeenAt: true, user: { select: { email: true, role: true } } },
  });
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > REFRESH_AFTER_MS) {
    await prisma().session.updateMany({ where: { id }, data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_DAYS * DAY_MS) } });
  }
  return { kind: "user", id: row.userId, email: row.user.email, role: row.user.role, via: "session", context };
}

export async function deleteSession(token: string): Promise<void> {
  await prisma().session.deleteMany({ where: { id: hashSecret(token) } });
}

/**
 * Whether a live session of `userId` proved the password within
 * FRESH_PASSWORD_MINUTES. With `confirmPassword` (the "confirm your password"
 * field) the password is checked now and, if right, the session becomes fresh.
 * "none": no such live session of this user.
 */
export async function checkSessionPassword(
  sessionId: string,
  userId: number,
  confirmPassword?: string,
): Promise<"none" | "stale" | "wrong" | "fresh"> {
  const session = await prisma().session.findFirst({
    where: { id: sessionId, userId, expiresAt: { gt: new Date() }, user: { deactivatedAt: null } },
    select: { passwordVerifiedAt: true, user: { select: { passwordHash: true } } },
  });
  if (!session) return "none";
  const fresh = session.passwordVerifiedAt !== null && session.passwordVerifiedAt.getTime() > Date.now() - FRESH_PASSWORD_MINUTES * 60_000;
  if (!confirmPassword) return fresh ? "fresh" : "stale";
  if (!(await verifyPassword(session.user.passwordHash, confirmPassword))) return "wrong";
  await prisma().session.updateMany({ where: { id: sessionId }, data: { passwordVerifiedAt: new Date() } });
  return "fresh";
}
