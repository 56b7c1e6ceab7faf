import { pool } from "@/lib/db/client";
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
  await pool().query(
    "insert into sessions (id, user_id, expires_at, ip, user_agent, password_verified_at) values ($1, $2, $3, $4, $5, now())",
    [hashSecret(token), userId, expiresAt, meta.ip, meta.userAgent?.slice(0, 300) ?? null],
  );
  return { token, expiresAt };
}

/** The user behind a session cookie, if the session is live and the user active. */
export async function actorFromSession(token: string, context: TRequestContext): Promise<TActor | null> {
  const id = hashSecret(token);
  const result = await pool().query<{ user_id: number; email: string; role: TRole; expires_at: Date; last_seen_at: Date }>(
    `select s.user_id, u.email, u.role, s.expires_at, s.last_seen_at
       from sessions s join users u on u.id = s.user_id
      where s.id = $1 and s.expires_at > now() and u.deactivated_at is null`,
    [id],
  );
  const row = result.rows[0];
  if (!row) return null;
  if (Date.now() - row.last_seen_at.getTime() > REFRESH_AFTER_MS) {
    await pool().query("update sessions set last_seen_at = now(), expires_at = $2 where id = $1", [id, new Date(Date.now() + SESSION_DAYS * DAY_MS)]);
  }
  return { kind: "user", id: row.user_id, email: row.email, role: row.role, via: "session", context };
}

export async function deleteSession(token: string): Promise<void> {
  await pool().query("delete from sessions where id = $1", [hashSecret(token)]);
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
  const found = await pool().query<{ password_hash: string; fresh: boolean }>(
    `select u.password_hash, coalesce(s.password_verified_at > now() - make_interval(mins => $3), false) as fresh
       from sessions s join users u on u.id = s.user_id
      where s.id = $1 and s.user_id = $2 and s.expires_at > now() and u.deactivated_at is null`,
    [sessionId, userId, FRESH_PASSWORD_MINUTES],
  );
  const session = found.rows[0];
  if (!session) return "none";
  if (!confirmPassword) return session.fresh ? "fresh" : "stale";
  if (!(await verifyPassword(session.password_hash, confirmPassword))) return "wrong";
  await pool().query("update sessions set password_verified_at = now() where id = $1", [sessionId]);
  return "fresh";
}
