import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import type { TPgRow } from "@/lib/db/row";
import type { Trajectory } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/errors";
import { filterConditions } from "@/lib/trajectories/filters";
import type { TTrajectoryFilter } from "@/lib/trajectories/query";
import { getSetting } from "@/lib/settings/settings";

/** An abandoned claim frees itself after this long. */
export const CLAIM_MINUTES = 15;

/**
 * Claims the next trajectory of a table filter that the caller has not
 * reviewed and that still needs reviews, for the caller alone. Race-free:
 * candidates are locked with FOR UPDATE SKIP LOCKED inside the claiming
 * UPDATE, so concurrent reviewers never receive the same item. A reviewer who
 * comes back gets their own unexpired claim first.
 */
export async function claimNext(actor: TActor, filter: TTrajectoryFilter, skipId?: string): Promise<string | null> {
  assertCan(actor, "review:write");
  const reviewerId = actorId(actor);
  if (reviewerId === null) throw new UserFacingError("only a user can review");
  const { text, values } = await claimStatement(reviewerId, filter, skipId);
  const claimed = await pool().query<TPgRow<Pick<Trajectory, "id">>>(text, values);
  return claimed.rows[0]?.id ?? null;
}

/**
 * The claiming UPDATE (exported so a test can EXPLAIN it). Two picks, the
 * second run only when the first finds nothing: the caller's own claim (a tiny
 * partial index on claimed_by_id), else the first free trajectory in
 * (review_count, id) order, read straight off the queue indexes
 * (review_count, id) and (task, review_count, id). Neither sorts the filter:
 * the scan stops at the first row that is neither held by someone else nor
 * decided by the caller, so its cost does not grow with the table.
 */
export async function claimStatement(reviewerId: number, filter: TTrajectoryFilter, skipId?: string) {
  const required = await getSetting("review.requiredReviews");
  const params = new SqlParams();
  const conditions = filterConditions(filter, params);
  const me = params.add(reviewerId, "::int");
  conditions.push(
    `t.review_count < ${params.add(required, "::int")}`,
    `not exists (select 1 from reviews r where r.trajectory_id = t.id and r.reviewer_id = ${me})`,
  );
  if (skipId) conditions.push(`t.id <> ${params.add(skipId, "::bigint")}`);
  const where = conditions.join(" and ");
  const text = `with mine as (
       select t.id from trajectories t
        where t.claimed_by_id = ${me} and ${where}
        order by t.id limit 1
        for update skip locked
     ), free as (
       select t.id from trajectories t
        where (t.claimed_by_id is null or t.claim_expires_at < now()) and ${where}
        order by t.review_count, t.id limit 1
        for update skip locked
     ), candidate as (
       select id from mine union all select id from free limit 1
     )
     update trajectories t
        set claimed_by_id = ${me}, claim_expires_at = now() + make_interval(mins => ${params.add(CLAIM_MINUTES, "::int")})
       from candidate where t.id = candidate.id
     returning t.id::text`;
  return { text, values: params.values };
}

/** Gives a claimed trajectory back to the queue (skip, or leaving review mode). */
export async function releaseClaim(actor: TActor, trajectoryId: string): Promise<void> {
  assertCan(actor, "review:write");
  // SQL, not trajectory.updateMany: Prisma would bump updated_at (@updatedAt), and a claim changes nothing a reviewer sees.
  await pool().query(
    "update trajectories set claimed_by_id = null, claim_expires_at = null where id = $1 and claimed_by_id = $2",
    [trajectoryId, actorId(actor)],
  );
}
