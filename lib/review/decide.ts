import type { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { inTransaction, type TTx } from "@/lib/db/transaction";
import type { ReviewDecision, Trajectory } from "@/lib/generated/prisma/client";
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
  // SQL rather than Prisma calls: every decision runs these, and each Prisma call compiled its plan on the event loop.
  // One statement writes the caller's review and reads every decision in order; the CTE's snapshot does not see
  // the row it writes, so the caller's own decision is taken from RETURNING.
  const decisions = await tx.$queryRaw<{ decision: ReviewDecision }[]>`
    with mine as (
      insert into reviews (trajectory_id, reviewer_id, decision, reasons, comment)
      values (${id}, ${reviewerId}, ${input.decision}::"ReviewDecision", ${input.reasons}::text[], ${input.comment ?? null})
      on conflict (trajectory_id, reviewer_id)
        do update set decision = excluded.decision, reasons = excluded.reasons, comment = excluded.comment, updated_at = now()
      returning id, created_at, decision
    )
    select decision from (
      select id, created_at, decision from reviews where trajectory_id = ${id} and reviewer_id <> ${reviewerId}
      union all select id, created_at, decision from mine
    ) every_review order by created_at, id`;
  const status = statusFromReviews(decisions.map((row) => row.decision), rules.rule, rules.required);
  // Deciding ends the reviewer's own queue claim (the row is locked: the claim read above still holds).
  const [updated] = await tx.$queryRaw<{ version: number }[]>`
    update trajectories
       set status = ${status}::"TrajectoryStatus", review_count = ${decisions.length}, last_reviewer = ${actorLabel(actor)},
           version = version + 1, updated_at = now(),
           claimed_by_id = case when claimed_by_id = ${reviewerId} then null else claimed_by_id end,
           claim_expires_at = case when claimed_by_id = ${reviewerId} then null else claim_expires_at end
     where id = ${id}
    returning version`;
  await recordAudit(tx, actor, {
    type: input.decision === "accepted" ? "trajectory.accepted" : "trajectory.rejected",
    target: { type: "trajectory", id: trajectoryId },
    before: { status: current.status, version: current.version },
    after: { status, decision: input.decision, reasons: input.reasons, comment: input.comment },
  });
  return { status, version: updated!.version, reviewCount: decisions.length };
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
