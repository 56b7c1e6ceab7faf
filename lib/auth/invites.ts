import { recordAudit } from "@/lib/audit/events";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { UserFacingError } from "@/lib/errors";
import { assertCan, type TActor, type TRequestContext } from "@/lib/access/actor";
import { hashPassword, ZEmail } from "./password";
import { assertAcceptablePassword } from "./password-policy";
import { ROLES, type TRole } from "@/lib/access/roles";
import { hashSecret, newSecret } from "./secrets";

const INVITE_DAYS = 7;

/** An admin invites a teammate: the returned secret goes into a one-time link (shown once). */
export async function createInvite(actor: TActor, input: { email: string; role: string }): Promise<{ token: string; expiresAt: Date }> {
  assertCan(actor, "users:manage");
  const email = ZEmail.safeParse(input.email);
  if (!email.success) throw new UserFacingError(`email: ${email.error.issues[0]!.message}`);
  if (!(ROLES as readonly string[]).includes(input.role)) throw new UserFacingError(`role: must be one of ${ROLES.join(", ")}`);
  const token = newSecret();
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000);
  await withTransaction(async (client) => {
    if ((await client.query("select 1 from users where email = $1", [email.data])).rowCount) {
      throw new UserFacingError(`email: ${email.data} already has an account`);
    }
    const created = await client.query<{ id: number }>(
      "insert into invites (email, role, token_hash, created_by_id, expires_at) values ($1, $2, $3, $4, $5) returning id",
      [email.data, input.role, hashSecret(token), actor.kind === "user" ? actor.id : 0, expiresAt],
    );
    await recordAudit(client, actor, { type: "user.invited", target: { type: "invite", id: created.rows[0]!.id }, after: { email: email.data, role: input.role } });
  });
  return { token, expiresAt };
}

export async function findInvite(token: string): Promise<{ email: string; role: TRole } | null> {
  const result = await pool().query<{ email: string; role: TRole }>(
    "select email, role from invites where token_hash = $1 and accepted_at is null and expires_at > now()",
    [hashSecret(token)],
  );
  return result.rows[0] ?? null;
}

/** The invitee sets a password: the account is created with the invited role, once. */
export async function acceptInvite(token: string, password: string, context: TRequestContext): Promise<number> {
  return withTransaction(async (client) => {
    const found = await client.query<{ id: number; email: string; role: TRole; created_by_id: number }>(
      `select id, email, role, created_by_id from invites
        where token_hash = $1 and accepted_at is null and expires_at > now() for update`,
      [hashSecret(token)],
    );
    const invite = found.rows[0];
    if (!invite) throw new UserFacingError("this invitation link is used, expired or wrong: ask your admin for a new one");
    if ((await client.query("select 1 from users where email = $1", [invite.email])).rowCount) {
      throw new UserFacingError(`${invite.email} already has an account: sign in instead`);
    }
    await assertAcceptablePassword(password, { email: invite.email });
    const created = await client.query<{ id: number }>(
      "insert into users (email, role, password_hash) values ($1, $2, $3) returning id",
      [invite.email, invite.role, await hashPassword(password)],
    );
    const id = created.rows[0]!.id;
    await client.query("update invites set accepted_at = now() where id = $1", [invite.id]);
    const self: TActor = { kind: "user", id, email: invite.email, role: invite.role, via: "session", context };
    await recordAudit(client, self, {
      type: "user.created",
      target: { type: "user", id },
      after: { email: invite.email, role: invite.role, invitedBy: invite.created_by_id },
    });
    return id;
  });
}
