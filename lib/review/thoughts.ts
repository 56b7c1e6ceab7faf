import type pg from "pg";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";

export const ZRevisionInput = z.object({
  text: z.string().trim().min(1, "write the new thought").max(20_000),
  reason: z.string().trim().max(500).nullish().transform((value) => value || null),
  /** The thought version the editor started from. */
  version: z.number().int().min(0),
});

export const ZRevertInput = z.object({
  /** The revision to restore (0 = the thought as imported). */
  revertTo: z.number().int().min(0),
  version: z.number().int().min(0),
});

export type TThoughtState = { turnId: string; version: number; text: string | null; original: string | null };

export type TRevision = { version: number; text: string; author: string; reason: string | null; revertOf: number | null; createdAt: Date };

type TLockedTurn = { id: string; trajectory_id: string; role: string; thought: string | null; current_thought: string | null; thought_version: number };

async function lockTurn(client: pg.PoolClient, turnId: string): Promise<TLockedTurn> {
  if (!/^\d{1,18}$/.test(turnId)) throw new NotFoundError(`no step with id ${turnId}`);
  const found = await client.query<TLockedTurn>(
    "select id::text, trajectory_id::text, role, thought, current_thought, thought_version from turns where id = $1 for update",
    [turnId],
  );
  const turn = found.rows[0];
  if (!turn) throw new NotFoundError(`no step with id ${turnId}`);
  if (turn.role !== "assistant") throw new UserFacingError("only an assistant step has a thought to rewrite");
  return turn;
}

function stateOf(turn: TLockedTurn): TThoughtState {
  return { turnId: turn.id, version: turn.thought_version, text: turn.current_thought ?? turn.thought, original: turn.thought };
}

function assertFresh(turn: TLockedTurn, version: number) {
  if (version !== turn.thought_version) {
    throw new ConflictError("this thought was changed after you started editing: here is the newer version", stateOf(turn));
  }
}

async function saveRevision(
  client: pg.PoolClient,
  actor: TActor,
  turn: TLockedTurn,
  text: string,
  reason: string | null,
  revertOf: number | null,
): Promise<TThoughtState> {
  const authorId = actorId(actor);
  if (authorId === null) throw new UserFacingError("only a user can rewrite a thought");
  const version = turn.thought_version + 1;
  await client.query(
    "insert into thought_revisions (turn_id, version, text, author_id, reason, revert_of) values ($1, $2, $3, $4, $5, $6)",
    [turn.id, version, text, authorId, reason, revertOf],
  );
  // Reverting to the imported thought stores no copy of it on the turn: null means "as imported".
  const current = revertOf === 0 ? null : text;
  await client.query("update turns set current_thought = $2, thought_version = $3 where id = $1", [turn.id, current, version]);
  await client.query(
    `update trajectories set updated_at = now(),
            thought_rewritten = exists (select 1 from turns where trajectory_id = $1 and current_thought is not null)
      where id = $1`,
    [turn.trajectory_id],
  );
  await recordAudit(client, actor, {
    type: revertOf === null ? "thought.rewritten" : "thought.reverted",
    target: { type: "step", id: turn.id },
    before: { version: turn.thought_version, text: turn.current_thought ?? turn.thought },
    after: { version, text, reason, revertOf },
  });
  return { turnId: turn.id, version, text, original: turn.thought };
}

/** A new revision of a step's thought; the imported thought (revision 0) is never overwritten. */
export async function reviseThought(actor: TActor, turnId: string, input: z.input<typeof ZRevisionInput>): Promise<TThoughtState> {
  assertCan(actor, "thoughts:write");
  const parsed = ZRevisionInput.parse(input);
  return withTransaction(async (client) => {
    const turn = await lockTurn(client, turnId);
    assertFresh(turn, parsed.version);
    return saveRevision(client, actor, turn, parsed.text, parsed.reason, null);
  });
}

/** Restores an earlier revision's text, as a new revision (history only grows). */
export async function revertThought(actor: TActor, turnId: string, input: z.input<typeof ZRevertInput>): Promise<TThoughtState> {
  assertCan(actor, "thoughts:write");
  const parsed = ZRevertInput.parse(input);
  return withTransaction(async (client) => {
    const turn = await lockTurn(client, turnId);
    assertFresh(turn, parsed.version);
    let text = turn.thought ?? "";
    if (parsed.revertTo > 0) {
      const found = await client.query<{ text: string }>("select text from thought_revisions where turn_id = $1 and version = $2", [turnId, parsed.revertTo]);
      if (!found.rows[0]) throw new UserFacingError(`revertTo: step ${turnId} has no revision ${parsed.revertTo}`);
      text = found.rows[0].text;
    }
    return saveRevision(client, actor, turn, text, `revert to revision ${parsed.revertTo}`, parsed.revertTo);
  });
}

export async function listRevisions(actor: TActor, turnId: string): Promise<TRevision[]> {
  assertCan(actor, "trajectories:read");
  if (!/^\d{1,18}$/.test(turnId)) throw new NotFoundError(`no step with id ${turnId}`);
  const result = await pool().query(
    `select r.version, r.text, u.email as author, r.reason, r.revert_of, r.created_at
       from thought_revisions r join users u on u.id = r.author_id where r.turn_id = $1 order by r.version desc`,
    [turnId],
  );
  return result.rows.map((row) => ({ version: row.version, text: row.text, author: row.author, reason: row.reason, revertOf: row.revert_of, createdAt: row.created_at }));
}

/** Marks or unmarks a step as critical (docs/method.md §7: train on chosen steps only). */
export async function markCritical(actor: TActor, turnId: string, critical: boolean): Promise<void> {
  assertCan(actor, "thoughts:write");
  await withTransaction(async (client) => {
    const turn = await lockTurn(client, turnId);
    const updated = await client.query<{ was: boolean }>(
      "update turns t set is_critical = $2 from (select is_critical as was from turns where id = $1) old where t.id = $1 returning old.was",
      [turnId, critical],
    );
    if (updated.rows[0]?.was === critical) return;
    await client.query("update trajectories set updated_at = now() where id = $1", [turn.trajectory_id]);
    await recordAudit(client, actor, { type: "step.critical_marked", target: { type: "step", id: turnId }, before: { critical: !critical }, after: { critical } });
  });
}
