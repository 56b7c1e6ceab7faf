import type { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { inTransaction, type TTx } from "@/lib/db/transaction";
import type { Trajectory } from "@/lib/generated/prisma/client";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { getSetting } from "@/lib/settings/settings";
import { ZDecisionInput, type TDecisionInput } from "./reasons";
import { statusFromReviews } from "./status-rule";

export type TDecisionResult = Pick<Trajectory, "status" | "version" | "reviewCount">;

export type TApplyDecision = {
  reviewerId: number;
  trajectoryId: string;
  decision: Omit<z.output<typeof ZDecisionInput>, "version">;
  rules: { rule: "first" | "majority"; required: number };
  /** The version the reviewer saw: a newer one is a conflict. Bulk actions leave it out and act on the latest state. */
  seenVersion?: number;
};

/** Records the caller's decision and re-derives the trajectory's status, in one transaction. */
export async function decideTrajectory(actor: TActor, trajectoryId: string, input: TDecisionInput): Promise<TDecisionResult> {
  assertCan(actor, "review:write");
  const parsed = ZDecisionInput.parse(input);
  const reviewerId = actorId(actor);
  if (reviewerId === null) throw new UserFacingError("only a user can review");
  const rules = await reviewRules();
  const { version, ...decision } = parsed;
  return inTransaction((tx) => applyDecision(tx, actor, { reviewerId, trajectoryId, decision, rules, seenVersion: version }));
}

export async function reviewRules() {
  const [rule, required] = await Promise.all([getSetting("review.statusRule"), getSetting("review.requiredReviews")]);
  return { rule, required };
}

/**
 * The decision itself, in the caller's transaction: shared by single decisions
 * (which check the version) and bulk actions (which act on the latest state).
 */
export async function applyDecision(
  tx: TTx,
  actor: TActor,
  { reviewerId, trajectoryId, decision: input, rules, seenVersion }: TApplyDecision,
): Promise<TDecisionResult> {
  const id = BigInt(trajectoryId);
  const [current] = await tx.$queryRaw<Pick<Trajectory, "status" | "version" | "claimedById">[]>`
    select status, version, claimed_by_id as "claimedById" from trajectories where id = ${id} for update`;
  if (!current) throw new NotFoundError(`no trajectory with id ${trajectoryId}`);
  if (seenVersion !== undefined && seenVersion !== current.version) {
    throw new ConflictError("someone decided on this trajectory after you opened it: check the newer decision, then decide again", {
      status: current.status,
      version: current.version,
      reviews: await newerReviews(tx, id),
    });
  }
  const fields = { decision: input.decision, reasons: input.reasons, comment: input.comment };
  await tx.review.upsert({
    where: { trajectoryId_reviewerId: { trajectoryId: id, reviewerId } },
    create: { trajectoryId: id, reviewerId, ...fields },
    update: { ...fields, updatedAt: new Date() },
  });
  const decisions = await tx.review.findMany({ where: { trajectoryId: id }, select: { decision: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const status = statusFromReviews(decisions.map((row) => row.decision), rules.rule, rules.required);
  const updated = await tx.trajectory.update({
    where: { id },
    data: {
      status, reviewCount: decisions.length, lastReviewer: actorLabel(actor), version: { increment: 1 }, updatedAt: new Date(),
      // Deciding ends the reviewer's own queue claim (the row is locked: the claim read above still holds).
      ...(current.claimedById === reviewerId ? { claimedById: null, claimExpiresAt: null } : {}),
    },
    select: { version: true },
  });
  await recordAudit(tx, actor, {
    type: input.decision === "accepted" ? "trajectory.accepted" : "trajectory.rejected",
    target: { type: "trajectory", id: trajectoryId },
    before: { status: current.status, version: current.version },
    after: { status, decision: input.decision, reasons: input.reasons, comment: input.comment },
  });
  return { status, version: updated.version, reviewCount: decisions.length };
}

/** Who decided what, newest first: what a stale decision is shown instead (keys as the API has always sent them). */
async function newerReviews(tx: TTx, trajectoryId: bigint) {
  const reviews = await tx.review.findMany({ where: { trajectoryId }, orderBy: { updatedAt: "desc" } });
  const reviewers = await tx.user.findMany({ where: { id: { in: reviews.map((review) => review.reviewerId) } }, select: { id: true, email: true } });
  const emailOf = new Map(reviewers.map((user) => [user.id, user.email]));
  return reviews.flatMap((review) => {
    const reviewer = emailOf.get(review.reviewerId);
    if (reviewer === undefined) return [];
    return [{ reviewer, decision: review.decision, reasons: review.reasons, comment: review.comment, updated_at: review.updatedAt }];
  });
}
