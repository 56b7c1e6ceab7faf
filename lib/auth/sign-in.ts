import { recordAudit } from "@/lib/audit/events";
import { pool, prisma } from "@/lib/db/client";
import { UserFacingError } from "@/lib/errors";
import type { TRequestContext } from "@/lib/access/actor";
import { hashPassword, verifyPassword, ZEmail } from "./password";
import { createSession } from "./sessions";

const WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

/** Sign-in refused; `status` 401 for bad credentials, 403 deactivated, 429 rate limited. */
export class SignInError extends UserFacingError {
  constructor(message: string, readonly status: 401 | 403 | 429) {
    super(message);
  }
}

// Verifying against a fixed hash when the email is unknown keeps timing from telling which emails exist.
let decoyHash: Promise<string> | null = null;

/**
 * Checks the password and opens a session. Failures are audited, and those
 * audit rows are what the per-account and per-IP rate limits count, so the
 * limits hold across restarts and across app instances.
 */
export async function signIn(
  input: { email: string; password: string },
  meta: TRequestContext & { userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; userId: number }> {
  const parsed = ZEmail.safeParse(input.email);
  const email = parsed.success ? parsed.data : input.email.trim().toLowerCase().slice(0, 200);

  const recent = await pool().query<{ account: number; ip: number }>(
    `select count(*) filter (where target_id = $1)::int as account, count(*) filter (where ip = $2)::int as ip
       from audit_events
      where type = 'auth.sign_in_failed' and created_at > now() - make_interval(mins => $3)`,
    [email, meta.ip, WINDOW_MINUTES],
  );
  const counts = recent.rows[0]!;
  if (counts.account >= MAX_FAILURES_PER_ACCOUNT || (meta.ip !== null && counts.ip >= MAX_FAILURES_PER_IP)) {
    throw new SignInError(`too many failed sign-ins: wait ${WINDOW_MINUTES} minutes and try again`, 429);
  }

  const user = await prisma().user.findUnique({ where: { email }, select: { id: true, passwordHash: true, deactivatedAt: true } });
  decoyHash ??= hashPassword("not a real password, only for timing");
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
  if (!user || !passwordOk) {
    await recordAudit(prisma(), null, {
      type: "auth.sign_in_failed",
      target: { type: "email", id: email },
      after: { reason: user ? "wrong password" : "unknown email" },
    }, meta);
    throw new SignInError("the email or the password is wrong", 401);
  }
  if (user.deactivatedAt) {
    await recordAudit(prisma(), null, { type: "auth.sign_in_failed", target: { type: "email", id: email }, after: { reason: "deactivated" } }, meta);
    throw new SignInError("this account is deactivated: ask an admin of your team", 403);
  }
  const session = await createSession(user.id, { ip: meta.ip, userAgent: meta.userAgent });
  return { ...session, userId: user.id };
}
