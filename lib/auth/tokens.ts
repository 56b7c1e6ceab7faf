import { recordAudit } from "@/lib/audit/events";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { UserFacingError } from "@/lib/errors";
import { assertCan, ForbiddenError, type TActor, type TRequestContext } from "@/lib/access/actor";
import type { TRole } from "@/lib/access/roles";
import { hashSecret, newSecret } from "./secrets";
import { checkSessionPassword, FRESH_PASSWORD_MINUTES } from "./sessions";

export const TOKEN_PREFIX = "ts_";

export type TApiTokenInfo = { id: number; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

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
  return withTransaction(async (client) => {
    const created = await client.query<{ id: number; created_at: Date }>(
      "insert into api_tokens (user_id, name, token_hash, prefix) values ($1, $2, $3, $4) returning id, created_at",
      [userId, label, hashSecret(token), prefix],
    );
    const row = created.rows[0]!;
    await recordAudit(client, actor, { type: "token.created", target: { type: "api_token", id: row.id }, after: { name: label, prefix } });
    return { token, info: { id: row.id, name: label, prefix, createdAt: row.created_at, lastUsedAt: null, revokedAt: null } };
  });
}

export async function listApiTokens(actor: TActor): Promise<TApiTokenInfo[]> {
  assertCan(actor, "tokens:manage-own");
  const result = await pool().query(
    `select id, name, prefix, created_at, last_used_at, revoked_at from api_tokens where user_id = $1
      order by revoked_at nulls first, created_at desc`,
    [ownerId(actor)],
  );
  return result.rows.map((row) => ({
    id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
  }));
}

/** Revokes one of the caller's own tokens; it stops working at once. */
export async function revokeApiToken(actor: TActor, tokenId: number): Promise<void> {
  assertCan(actor, "tokens:manage-own");
  const userId = ownerId(actor);
  await withTransaction(async (client) => {
    const revoked = await client.query<{ name: string; prefix: string }>(
      "update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning name, prefix",
      [tokenId, userId],
    );
    if (!revoked.rows[0]) throw new UserFacingError(`you have no active token with id ${tokenId}`);
    await recordAudit(client, actor, { type: "token.revoked", target: { type: "api_token", id: tokenId }, before: revoked.rows[0] });
  });
}

/** The owner behind a bearer token, with the owner's current role; null if revoked or deactivated. */
export async function actorFromApiToken(token: string, context: TRequestContext): Promise<TActor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const result = await pool().query<{ id: number; user_id: number; email: string; role: TRole; stale: boolean }>(
    `select t.id, t.user_id, u.email, u.role, coalesce(t.last_used_at < now() - interval '1 minute', true) as stale
       from api_tokens t join users u on u.id = t.user_id
      where t.token_hash = $1 and t.revoked_at is null and u.deactivated_at is null`,
    [hashSecret(token)],
  );
  const row = result.rows[0];
  if (!row) return null;
  if (row.stale) await pool().query("update api_tokens set last_used_at = now() where id = $1", [row.id]);
  return { kind: "user", id: row.user_id, email: row.email, role: row.role, via: "token", context };
}
