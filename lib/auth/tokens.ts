import { recordAudit } from "@/lib/audit/events";
import { pool, prisma } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import type { ApiToken } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/errors";
import { assertCan, ForbiddenError, type TActor, type TRequestContext } from "@/lib/access/actor";
import type { TRole } from "@/lib/access/roles";
import { hashSecret, newSecret } from "./secrets";
import { checkSessionPassword, FRESH_PASSWORD_MINUTES } from "./sessions";

export const TOKEN_PREFIX = "ts_";

const INFO_SELECT = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;
export type TApiTokenInfo = Pick<ApiToken, keyof typeof INFO_SELECT>;

function ownerId(actor: TActor): number {
  if (actor.kind !== "user") throw new UserFacingError("only a user can own API tokens");
  return actor.id;
}

/**
 * What creating a token needs besides a name: the caller's browser session
 * (its stored id, the cookie's hash) and, unless that session proved the
 * password in the last 15 minutes, the password again.
 */
export type TNewTokenInput = { name: string; sessionId: string | null; confirmPassword?: string };

/**
 * A token can mint nothing: only a session (never a token or the CLI) that
 * checked the password recently may create one, so a leaked token or an
 * unattended browser cannot multiply access.
 */
async function assertFreshSession(actor: TActor, userId: number, input: TNewTokenInput): Promise<void> {
  const state = actor.kind === "user" && actor.via === "session" && input.sessionId
    ? await checkSessionPassword(input.sessionId, userId, input.confirmPassword || undefined)
    : "none";
  if (state === "none") throw new ForbiddenError("API tokens are created in a signed-in browser session, not with an API token");
  if (state === "wrong") throw new UserFacingError("confirm your password: it is not your current password");
  if (state === "stale") {
    throw new UserFacingError(`confirm your password: creating an API token needs your password entered within the last ${FRESH_PASSWORD_MINUTES} minutes`);
  }
}

/** Creates a token for the caller; the secret is returned once and stored only hashed. */
export async function createApiToken(actor: TActor, input: TNewTokenInput): Promise<{ token: string; info: TApiTokenInfo }> {
  assertCan(actor, "tokens:manage-own");
  const userId = ownerId(actor);
  const label = input.name.trim();
  if (!label || label.length > 100) throw new UserFacingError("name: give the token a name of 1 to 100 characters");
  await assertFreshSession(actor, userId, input);
  const token = newSecret(TOKEN_PREFIX);
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  return inTransaction(async (tx) => {
    const info = await tx.apiToken.create({ data: { userId, name: label, tokenHash: hashSecret(token), prefix }, select: INFO_SELECT });
    await recordAudit(tx, actor, { type: "token.created", target: { type: "api_token", id: info.id }, after: { name: label, prefix } });
    return { token, info };
  });
}

export async function listApiTokens(actor: TActor): Promise<TApiTokenInfo[]> {
  assertCan(actor, "tokens:manage-own");
  return prisma().apiToken.findMany({
    where: { userId: ownerId(actor) },
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: INFO_SELECT,
  });
}

/** Revokes one of the caller's own tokens; it stops working at once. */
export async function revokeApiToken(actor: TActor, tokenId: number): Promise<void> {
  assertCan(actor, "tokens:manage-own");
  const userId = ownerId(actor);
  await inTransaction(async (tx) => {
    const [revoked] = await tx.apiToken.updateManyAndReturn({
      where: { id: tokenId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { name: true, prefix: true },
    });
    if (!revoked) throw new UserFacingError(`you have no active token with id ${tokenId}`);
    await recordAudit(tx, actor, { type: "token.revoked", target: { type: "api_token", id: tokenId }, before: revoked });
  });
}

/**
 * The owner behind a bearer token, with the owner's current role; null if
 * revoked or deactivated. Every API request runs this, so it is plain SQL: a
 * Prisma call would compile its query plan on the event loop each time.
 */
export async function actorFromApiToken(token: string, context: TRequestContext): Promise<TActor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const { rows } = await pool().query<{ id: number; user_id: number; stale: boolean; email: string; role: TRole }>(
    `select t.id, t.user_id, u.email, u.role::text as role,
            -- last_used_at is written at most once a minute, not on every request.
            (t.last_used_at is null or t.last_used_at < now() - interval '1 minute') as stale
       from api_tokens t join users u on u.id = t.user_id
      where t.token_hash = $1 and t.revoked_at is null and u.deactivated_at is null`,
    [hashSecret(token)],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale) await pool().query("update api_tokens set last_used_at = now() where id = $1", [row.id]);
  return { kind: "user", id: row.user_id, email: row.email, role: row.role, via: "token", context };
}
