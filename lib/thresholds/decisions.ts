import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import { inTransaction, type TTx } from "@/lib/db/transaction";
import { Prisma, type ThresholdProposal, type TaskThreshold } from "@/lib/generated/prisma/client";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { getSetting } from "@/lib/settings/settings";
import { AGENT_DATASETS_SQL } from "./figures";
import { ZThresholdValue } from "./value";

/**
 * Proposals and decisions: a reviewer proposes a threshold with a reason,
 * teammates comment, an admin applies or declines. Every applied change is a
 * threshold_changes row (who, when, old, new, why) and one audit event, in
 * the transaction that changes the threshold.
 */

const ZReason = z.string().trim().min(3, "say why, in a few words at least").max(2000);
const ZTask = z.string().trim().min(1).max(64);

export const ZProposalInput = z.object({ value: ZThresholdValue, reason: ZReason });
export const ZCommentInput = z.object({ body: z.string().trim().min(1, "write something").max(4000) });
/** `version`: the task's threshold version the admin looked at; a newer one means someone changed it meanwhile. */
export const ZApplyInput = z.object({ note: z.string().trim().max(2000).nullish().transform((value) => value || null), version: z.number().int().min(0).optional() });
export const ZDeclineInput = z.object({ note: z.string().trim().min(3, "say why it is declined").max(2000) });
export const ZSetThresholdInput = z.object({ value: ZThresholdValue, reason: ZReason, version: z.number().int().min(0).optional() });

export type TProposalInput = z.input<typeof ZProposalInput>;
export type TApplyInput = z.input<typeof ZApplyInput>;
export type TSetThresholdInput = z.input<typeof ZSetThresholdInput>;

export type TAppliedChange = { task: string; oldValue: number; newValue: number; version: number; changeId: number };

function userIdOf(actor: TActor, what: string): number {
  const id = actorId(actor);
  if (id === null) throw new UserFacingError(`only a signed-in user can ${what}`);
  return id;
}

/** A task is known when it has agent trajectories or a threshold of its own. */
async function assertKnownTask(tx: TTx, task: string): Promise<void> {
  const found = await tx.$queryRaw<unknown[]>`select 1 from task_thresholds where task = ${task}
     union all select 1 from trajectories t where t.task = ${task} and ${Prisma.raw(AGENT_DATASETS_SQL)}
     limit 1`;
  if (!found.length) throw new NotFoundError(`no agent trajectories of task "${task}"`);
}

export async function proposeThreshold(actor: TActor, task: string, input: TProposalInput): Promise<{ id: number }> {
  assertCan(actor, "thresholds:propose");
  const proposedBy = userIdOf(actor, "propose a threshold");
  const name = ZTask.parse(task);
  const { value, reason } = ZProposalInput.parse(input);
  return inTransaction(async (tx) => {
    await assertKnownTask(tx, name);
    const { id } = await tx.thresholdProposal.create({ data: { task: name, value, reason, proposedById: proposedBy }, select: { id: true } });
    await recordAudit(tx, actor, { type: "threshold.proposed", target: { type: "threshold_proposal", id }, after: { task: name, value, reason } });
    return { id };
  });
}

export async function commentOnProposal(actor: TActor, proposalId: number, input: z.input<typeof ZCommentInput>): Promise<{ id: number }> {
  assertCan(actor, "thresholds:propose");
  const authorId = userIdOf(actor, "comment");
  const { body } = ZCommentInput.parse(input);
  return inTransaction(async (tx) => {
    const proposal = await tx.thresholdProposal.findUnique({ where: { id: proposalId }, select: { task: true } });
    if (!proposal) throw new NotFoundError(`no threshold proposal ${proposalId}`);
    const { id } = await tx.thresholdComment.create({ data: { proposalId, authorId, body }, select: { id: true } });
    await recordAudit(tx, actor, {
      type: "threshold.commented",
      target: { type: "threshold_proposal", id: proposalId },
      after: { task: proposal.task, commentId: id, body },
    });
    return { id };
  });
}

/** Applies an open proposal: the task's threshold becomes its value. */
export async function applyProposal(actor: TActor, proposalId: number, input: TApplyInput = {}): Promise<TAppliedChange> {
  assertCan(actor, "thresholds:apply");
  const { note, version } = ZApplyInput.parse(input);
  return inTransaction(async (tx) => {
    const proposal = await lockOpenProposal(tx, proposalId);
    const change = await writeThreshold(tx, actor, {
      task: proposal.task,
      value: proposal.value,
      reason: note ? `${proposal.reason}\n\nApplied: ${note}` : proposal.reason,
      proposalId,
      expectedVersion: version,
    });
    await decide(tx, actor, proposalId, "applied", note);
    return change;
  });
}

export async function declineProposal(actor: TActor, proposalId: number, input: z.input<typeof ZDeclineInput>): Promise<void> {
  assertCan(actor, "thresholds:apply");
  const { note } = ZDeclineInput.parse(input);
  await inTransaction(async (tx) => {
    const proposal = await lockOpenProposal(tx, proposalId);
    await decide(tx, actor, proposalId, "declined", note);
    await recordAudit(tx, actor, {
      type: "threshold.declined",
      target: { type: "threshold_proposal", id: proposalId },
      before: { state: "open" },
      after: { state: "declined", task: proposal.task, value: proposal.value, note },
    });
  });
}

/** An admin sets a task's threshold directly, with a reason (no proposal). */
export async function setThreshold(actor: TActor, task: string, input: TSetThresholdInput): Promise<TAppliedChange> {
  assertCan(actor, "thresholds:apply");
  const name = ZTask.parse(task);
  const { value, reason, version } = ZSetThresholdInput.parse(input);
  return inTransaction(async (tx) => {
    await assertKnownTask(tx, name);
    return writeThreshold(tx, actor, { task: name, value, reason, proposalId: null, expectedVersion: version });
  });
}

function decide(tx: TTx, actor: TActor, proposalId: number, state: "applied" | "declined", note: string | null) {
  return tx.thresholdProposal.update({ where: { id: proposalId }, data: { state, decidedById: actorId(actor), decidedAt: new Date(), decisionNote: note } });
}

async function lockOpenProposal(tx: TTx, proposalId: number) {
  const [proposal] = await tx.$queryRaw<Pick<ThresholdProposal, "task" | "value" | "reason" | "state">[]>`
    select task, value, reason, state from threshold_proposals where id = ${proposalId} for update`;
  if (!proposal) throw new NotFoundError(`no threshold proposal ${proposalId}`);
  if (proposal.state !== "open") throw new ConflictError(`proposal ${proposalId} was already ${proposal.state}`);
  return proposal;
}

/**
 * The one write path of a threshold. The task's row is locked (created first
 * at version 0 with the default when the task had none), so concurrent
 * changes queue up: each records the value the previous one left as its old
 * value, and none is lost. The version goes up by one per change.
 */
async function writeThreshold(
  tx: TTx,
  actor: TActor,
  change: { task: string; value: number; reason: string; proposalId: number | null; expectedVersion: number | undefined },
): Promise<TAppliedChange> {
  const fallback = await getSetting("thresholds.defaultForOtherTasks");
  await tx.taskThreshold.createMany({ data: { task: change.task, threshold: fallback, version: 0 }, skipDuplicates: true });
  const [current] = await tx.$queryRaw<Pick<TaskThreshold, "threshold" | "version">[]>`
    select threshold, version from task_thresholds where task = ${change.task} for update`;
  if (!current) throw new NotFoundError(`no threshold row for ${change.task}`);
  if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
    throw new ConflictError(
      `the threshold of ${change.task} changed since you looked (now version ${current.version}, value ${current.threshold}): reload and decide again`,
    );
  }
  const version = current.version + 1;
  await tx.taskThreshold.update({ where: { task: change.task }, data: { threshold: change.value, version } });
  const inserted = await tx.thresholdChange.create({
    data: {
      task: change.task, oldValue: current.threshold, newValue: change.value, version, reason: change.reason,
      proposalId: change.proposalId, actorId: actorId(actor), actorLabel: actorLabel(actor),
    },
    select: { id: true },
  });
  await recordAudit(tx, actor, {
    type: "threshold.changed",
    target: { type: "task_threshold", id: change.task },
    before: { threshold: current.threshold, version: current.version },
    after: { threshold: change.value, version, reason: change.reason, proposalId: change.proposalId },
  });
  return { task: change.task, oldValue: current.threshold, newValue: change.value, version, changeId: inserted.id };
}

/** The task a proposal is about, or null: lets a route under /thresholds/:task answer 404 for another task's proposal. */
export async function proposalTask(actor: TActor, proposalId: number): Promise<string | null> {
  assertCan(actor, "trajectories:read");
  const found = await prisma().thresholdProposal.findUnique({ where: { id: proposalId }, select: { task: true } });
  return found?.task ?? null;
}
