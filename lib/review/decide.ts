import type pg from "pg";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { withTransaction } from "@/lib/db/transaction";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { getSetting } from "@/lib/settings/settings";
import { ZDecisionInput, type TDecisionInput } from "./reasons";
import { statusFromReviews, type TDecision, type TStatus } from "./status-rule";

export type TDecisionResult = { status: TStatus; version: number; reviewCount: number };

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
  const [rule, required] = await Promise.all([getSetting("review.statusRule"), getSetting("review.requiredReviews")]);
  return { rule, required };
}

/**
 * The decision itself, on the caller's connection: shared by single decisions
 * (which check the version) and bulk actions (which act on the latest state).
 */
export async function applyDecision(
  client: pg.PoolClient,
  actor: TActor,
  { reviewerId, trajectoryId, decision: input, rules, seenVersion }: TApplyDecision,
): Promise<TDecisionResult> {
  const found = await client.query<{ status: TStatus; version: number }>(
    "select status, version from trajectories where id = $1 for update",
    [trajectoryId],
  );
  const current = found.rows[0];
  if (!current) throw new NotFoundError(`no trajectory with id ${trajectoryId}`);
  if (seenVersion !== undefined && seenVersion !== current.version) {
    const reviews = await client.query(
      `select u.email as reviewer, r.decision, r.reasons, r.comment, r.updated_at
         from reviews r join users u on u.id = r.reviewer_id where r.trajectory_id = $1 order by r.updated_at desc`,
      [trajectoryId],
    );
    throw new ConflictError("someone decided on this trajectory after you opened it: check the newer decision, then decide again", {
      status: current.status,
      version: current.version,
      reviews: reviews.rows,
    });
  }
  await client.query(
    `insert into reviews (trajectory_id, reviewer_id, decision, reasons, comment) values ($1, $2, $3, $4, $5)
     on conflict (trajectory_id, reviewer_id)
     do update set decision = excluded.decision, reasons = excluded.reasons, comment = excluded.comment, updated_at = now()`,
    [trajectoryId, reviewerId, input.decision, input.reasons, input.comment],
  );
  const decisions = await client.query<{ decision: TDecision }>(
    "select decision from reviews where trajectory_id = $1 order by created_at, id",
    [trajectoryId],
  );
  const status = statusFromReviews(decisions.rows.map((row) => row.decision), rules.rule, rules.required);
  const updated = await client.query<{ version: number }>(
    `update trajectories set status = $2, review_count = $3, last_reviewer = $4, version = version + 1, updated_at = now(),
            claimed_by_id = case when claimed_by_id = $5 then null else claimed_by_id end,
            claim_expires_at = case when claimed_by_id = $5 then null else claim_expires_at end
      where id = $1 returning version`,
    [trajectoryId, status, decisions.rows.length, actorLabel(actor), reviewerId],
  );
  await recordAudit(client, actor, {
    type: input.decision === "accepted" ? "trajectory.accepted" : "trajectory.rejected",
    target: { type: "trajectory", id: trajectoryId },
    before: { status: current.status, version: current.version },
    after: { status, decision: input.decision, reasons: input.reasons, comment: input.comment },
  });
  return { status, version: updated.rows[0]!.version, reviewCount: decisions.rows.length };
}
