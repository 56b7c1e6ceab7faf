import { recordAudit } from "@/lib/audit/events";
import { prisma } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import type { Invite } from "@/lib/generated/prisma/client";
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
  const role = input.role as TRole;
  await inTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: email.data }, select: { id: true } })) {
      throw new UserFacingError(`email: ${email.data} already has an account`);
    }
    const created = await tx.invite.create({
      data: { email: email.data, role, tokenHash: hashSecret(token), createdById: actor.kind === "user" ? actor.id : 0, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, actor, { type: "user.invited", target: { type: "invite", id: created.id }, after: { email: email.data, role: input.role } });
  });
  return { token, expiresAt };
}

export type TPendingInvite = Pick<Invite, "id" | "email" | "role" | "createdAt" | "expiresAt">;

/** Invitations neither accepted nor expired (a revoked one expires at once), newest first. */
export async function listPendingInvites(actor: TActor): Promise<TPendingInvite[]> {
  assertCan(actor, "users:manage");
  return prisma().invite.findMany({
    where: { acceptedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { id: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
}

/** An admin withdraws a pending invitation: its link stops working at once; the row stays, expired, for the record. */
export async function revokeInvite(actor: TActor, id: number): Promise<void> {
  assertCan(actor, "users:manage");
  await inTransaction(async (tx) => {
    const [invite] = await tx.$queryRaw<Pick<Invite, "id" | "email" | "role" | "expiresAt">[]>`
      select id, email, role, expires_at as "expiresAt" from invites
       where id = ${id} and accepted_at is null and expires_at > now() for update`;
    if (!invite) throw new UserFacingError(`invitation ${id}: not pending (already accepted, expired or revoked)`);
    await tx.invite.update({ where: { id }, data: { expiresAt: new Date() } });
    await recordAudit(tx, actor, {
      type: "user.invite_revoked",
      target: { type: "invite", id },
      before: { email: invite.email, role: invite.role, expiresAt: invite.expiresAt.toISOString() },
    });
  });
}

export async function findInvite(token: string): Promise<Pick<Invite, "email" | "role"> | null> {
  return prisma().invite.findFirst({
    where: { tokenHash: hashSecret(token), acceptedAt: null, expiresAt: { gt: new Date() } },
    select: { email: true, role: true },
  });
}

/** The invitee sets a password: the account is created with the invited role, once. */
export async function acceptInvite(token: string, password: string, context: TRequestContext): Promise<number> {
  return inTransaction(async (tx) => {
    const [invite] = await tx.$queryRaw<Pick<Invite, "id" | "email" | "role" | "createdById">[]>`
      select id, email, role, created_by_id as "createdById" from invites
       where token_hash = ${hashSecret(token)} and accepted_at is null and expires_at > now() for update`;
    if (!invite) throw new UserFacingError("this invitation link is used, expired or wrong: ask your admin for a new one");
    if (await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } })) {
      throw new UserFacingError(`${invite.email} already has an account: sign in instead`);
    }
    await assertAcceptablePassword(password, { email: invite.email });
    const { id } = await tx.user.create({ data: { email: invite.email, role: invite.role, passwordHash: await hashPassword(password) }, select: { id: true } });
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedAt: new Date() } });
    const self: TActor = { kind: "user", id, email: invite.email, role: invite.role, via: "session", context };
    await recordAudit(tx, self, {
      type: "user.created",
      target: { type: "user", id },
      after: { email: invite.email, role: invite.role, invitedBy: invite.createdById },
    });
    return id;
  });
}
