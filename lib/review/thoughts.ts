import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import { columnsAs } from "@/lib/db/row";
import { inTransaction, type TTx } from "@/lib/db/transaction";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { Prisma, type ThoughtRevision, type Turn } from "@/lib/generated/prisma/client";

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

export type TRevision = Pick<ThoughtRevision, "version" | "text" | "reason" | "revertOf" | "createdAt"> & { author: string };

const LOCKED_FIELDS = ["id", "trajectoryId", "role", "thought", "currentThought", "thoughtVersion", "isCritical"] as const;
type TLockedTurn = Pick<Turn, (typeof LOCKED_FIELDS)[number]>;

function turnIdOf(turnId: string): bigint {
  if (!/^\d{1,18}$/.test(turnId)) throw new NotFoundError(`no step with id ${turnId}`);
  return BigInt(turnId);
}

async function lockTurn(tx: TTx, turnId: string): Promise<TLockedTurn> {
  const [turn] = await tx.$queryRaw<TLockedTurn[]>`
    select ${Prisma.raw(columnsAs("t", LOCKED_FIELDS))} from turns t where t.id = ${turnIdOf(turnId)} for update`;
  if (!turn) throw new NotFoundError(`no step with id ${turnId}`);
  if (turn.role !== "assistant") throw new UserFacingError("only an assistant step has a thought to rewrite");
  return turn;
}

function stateOf(turn: TLockedTurn): TThoughtState {
  return { turnId: String(turn.id), version: turn.thoughtVersion, text: turn.currentThought ?? turn.thought, original: turn.thought };
}

function assertFresh(turn: TLockedTurn, version: number) {
  if (version !== turn.thoughtVersion) {
    throw new ConflictError("this thought was changed after you started editing: here is the newer version", stateOf(turn));
  }
}

async function saveRevision(
  tx: TTx,
  actor: TActor,
  turn: TLockedTurn,
  text: string,
  reason: string | null,
  revertOf: number | null,
): Promise<TThoughtState> {
  const authorId = actorId(actor);
  if (authorId === null) throw new UserFacingError("only a user can rewrite a thought");
  const version = turn.thoughtVersion + 1;
  await tx.thoughtRevision.create({ data: { turnId: turn.id, version, text, authorId, reason, revertOf } });
  // Reverting to the imported thought stores no copy of it on the turn: null means "as imported".
  const current = revertOf === 0 ? null : text;
  await tx.turn.update({ where: { id: turn.id }, data: { currentThought: current, thoughtVersion: version } });
  const rewritten = await tx.turn.count({ where: { trajectoryId: turn.trajectoryId, currentThought: { not: null } } });
  await tx.trajectory.update({ where: { id: turn.trajectoryId }, data: { updatedAt: new Date(), thoughtRewritten: rewritten > 0 } });
  await recordAudit(tx, actor, {
    type: revertOf === null ? "thought.rewritten" : "thought.reverted",
    target: { type: "step", id: turn.id },
    before: { version: turn.thoughtVersion, text: turn.currentThought ?? turn.thought },
    after: { version, text, reason, revertOf },
  });
  return { turnId: String(turn.id), version, text, original: turn.thought };
}

/** A new revision of a step's thought; the imported thought (revision 0) is never overwritten. */
export async function reviseThought(actor: TActor, turnId: string, input: z.input<typeof ZRevisionInput>): Promise<TThoughtState> {
  assertCan(actor, "thoughts:write");
  const parsed = ZRevisionInput.parse(input);
  return inTransaction(async (tx) => {
    const turn = await lockTurn(tx, turnId);
    assertFresh(turn, parsed.version);
    return saveRevision(tx, actor, turn, parsed.text, parsed.reason, null);
  });
}

/** Restores an earlier revision's text, as a new revision (history only grows). */
export async function revertThought(actor: TActor, turnId: string, input: z.input<typeof ZRevertInput>): Promise<TThoughtState> {
  assertCan(actor, "thoughts:write");
  const parsed = ZRevertInput.parse(input);
  return inTransaction(async (tx) => {
    const turn = await lockTurn(tx, turnId);
    assertFresh(turn, parsed.version);
    let text = turn.thought ?? "";
    if (parsed.revertTo > 0) {
      const found = await tx.thoughtRevision.findUnique({
        where: { turnId_version: { turnId: turn.id, version: parsed.revertTo } },
        select: { text: true },
      });
      if (!found) throw new UserFacingError(`revertTo: step ${turnId} has no revision ${parsed.revertTo}`);
      text = found.text;
    }
    return saveRevision(tx, actor, turn, text, `revert to revision ${parsed.revertTo}`, parsed.revertTo);
  });
}

export async function listRevisions(actor: TActor, turnId: string): Promise<TRevision[]> {
  assertCan(actor, "trajectories:read");
  const revisions = await prisma().thoughtRevision.findMany({
    where: { turnId: turnIdOf(turnId) },
    select: { version: true, text: true, authorId: true, reason: true, revertOf: true, createdAt: true },
    orderBy: { version: "desc" },
  });
  // Revisions have no relation to users in the schema: their authors in one more query.
  const authors = await prisma().user.findMany({ where: { id: { in: [...new Set(revisions.map((r) => r.authorId))] } }, select: { id: true, email: true } });
  const emailOf = new Map(authors.map((user) => [user.id, user.email]));
  return revisions.flatMap(({ authorId, ...revision }) => {
    const author = emailOf.get(authorId);
    return author === undefined ? [] : [{ ...revision, author }];
  });
}

/** Marks or unmarks a step as critical (docs/method.md §7: train on chosen steps only). */
export async function markCritical(actor: TActor, turnId: string, critical: boolean): Promise<void> {
  assertCan(actor, "thoughts:write");
  await inTransaction(async (tx) => {
    const turn = await lockTurn(tx, turnId);
    if (turn.isCritical === critical) return;
    await tx.turn.update({ where: { id: turn.id }, data: { isCritical: critical } });
    await tx.trajectory.update({ where: { id: turn.trajectoryId }, data: { updatedAt: new Date() } });
    await recordAudit(tx, actor, { type: "step.critical_marked", target: { type: "step", id: turnId }, before: { critical: !critical }, after: { critical } });
  });
}
