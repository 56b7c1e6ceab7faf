import type { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { withTransaction } from "@/lib/db/transaction";
import type { ReviewDecision, Trajectory } from "@/lib/generated/prisma/client";
import type pg from "pg";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/settings";
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
  return withTransaction((client) => applyDecision(client, actor, { reviewerId, trajectoryId, decision, rules, seenVersion: version }));
}

export async function reviewRules() {
  const settings = await getSettings(["review.statusRule", "review.requiredReviews"]);
  return { rule: settings["review.statusRule"], required: settings["review.requiredReviews"] };
}

/** Where a decision is written: the caller's transaction on one pg connection. */
export type TDecisionClient = Pick<pg.PoolClient, "query">;

/**
 * The decision itself, in the caller's transaction: shared by single decisions
 * (which check the version) and bulk actions (which act on the latest state).
 * Plain SQL on a pg connection rather than a Prisma transaction: every decision of the review queue runs
 * this, and each Prisma call compiled its plan on the event loop.
 */
export async function applyDecision(
  client: TDecisionClient,
  actor: TActor,
  { reviewerId, trajectoryId, decision: input, rules, seenVersion }: TApplyDecision,
): Promise<TDecisionResult> {
  const locked = await client.query<Pick<Trajectory, "status" | "version">>(
    "select status, version from trajectories where id = $1 for update", [trajectoryId]);
  const current = locked.rows[0];
  if (!current) throw new NotFoundError(`no trajectory with id ${trajectoryId}`);
  if (seenVersion !== undefined && seenVersion !== current.version) {
    throw new ConflictError("someone decided on this trajectory after you opened it: check the newer decision, then decide again", {
      status: current.status,
      version: current.version,
      reviews: await newerReviews(client, trajectoryId),
    });
  }
  // One statement writes the caller's review and reads every decision in order; the CTE's snapshot does not see
  // the row it writes, so the caller's own decision is taken from RETURNING.
  const decisions = await client.query<{ decision: ReviewDecision }>(
    `with mine as (
       insert into reviews (trajectory_id, reviewer_id, decision, reasons, comment)
       values ($1, $2, $3::"ReviewDecision", $4::text[], $5)
       on conflict (trajectory_id, reviewer_id)
         do update set decision = excluded.decision, reasons = excluded.reasons, comment = excluded.comment, updated_at = now()
       returning id, created_at, decision
     )
     select decision from (
       select id, created_at, decision from reviews where trajectory_id = $1 and reviewer_id <> $2
       union all select id, created_at, decision from mine
     ) every_review order by created_at, id`,
    [trajectoryId, reviewerId, input.decision, input.reasons, input.comment ?? null],
  );
  const reviewCount = decisions.rows.length;
  const status = statusFromReviews(decisions.rows.map((row) => row.decision), rules.rule, rules.required);
  // Deciding ends the reviewer's own queue claim and an expired one of anybody's (a live claim of someone else's stays).
  const updated = await client.query<{ version: number }>(
    `with released as (delete from review_claims where trajectory_id = $1 and (reviewer_id = $5 or expires_at < now()))
     update trajectories
        set status = $2::"TrajectoryStatus", review_count = $3, last_reviewer = $4, version = version + 1, updated_at = now()
      where id = $1
     returning version`,
    [trajectoryId, status, reviewCount, actorLabel(actor), reviewerId],
  );
  await recordAudit(client, actor, {
    type: input.decision === "accepted" ? "trajectory.accepted" : "trajectory.rejected",
    target: { type: "trajectory", id: trajectoryId },
    before: { status: current.status, version: current.version },
    after: { status, decision: input.decision, reasons: input.reasons, comment: input.comment },
  });
  return { status, version: updated.rows[0]!.version, reviewCount };
}

/** Who decided what, newest first: what a stale decision is shown instead (keys as the API has always sent them). */
async function newerReviews(client: TDecisionClient, trajectoryId: string) {
  const reviews = await client.query<{ reviewer: string; decision: ReviewDecision; reasons: string[]; comment: string | null; updated_at: Date }>(
    `select u.email as reviewer, r.decision, r.reasons, r.comment, r.updated_at
       from reviews r join users u on u.id = r.reviewer_id
      where r.trajectory_id = $1 order by r.updated_at desc, r.id desc`,
    [trajectoryId],
  );
  return reviews.rows;
}
