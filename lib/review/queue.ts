import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { ConflictError, UserFacingError } from "@/lib/errors";
import { filterConditions } from "@/lib/trajectories/filters";
import type { TTrajectoryFilter } from "@/lib/trajectories/query";
import { getSetting } from "@/lib/settings/settings";

/** An abandoned claim frees itself after this long. */
export const CLAIM_MINUTES = 15;

/** A claimer that keeps losing the race for the queue's head gives up after this many tries (a 409). */
const CLAIM_ATTEMPTS = 8;

/**
 * Claims the next trajectory of a table filter that the caller has not
 * reviewed and that still needs reviews, for the caller alone. Race-free:
 * a claim is a row of review_claims keyed by the trajectory, so two reviewers
 * can never hold one at once. Candidates are locked with FOR NO KEY UPDATE
 * SKIP LOCKED, so concurrent claimers spread over different trajectories, and
 * a decision committed meanwhile is re-checked on the locked row. A reviewer
 * who comes back gets their own claim first.
 */
export async function claimNext(actor: TActor, filter: TTrajectoryFilter, skipId?: string): Promise<string | null> {
  assertCan(actor, "review:write");
  const reviewerId = actorId(actor);
  if (reviewerId === null) throw new UserFacingError("only a user can review");
  const { text, values } = await claimStatement(reviewerId, filter, skipId);
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const result = await pool().query<{ candidate: string | null; claimed: string | null }>(text, values);
    const { candidate, claimed } = result.rows[0] ?? { candidate: null, claimed: null };
    if (claimed !== null || candidate === null) return claimed;
    // Lost a race: a rival claimed the candidate between its check and the insert. The next statement passes over it.
  }
  throw new ConflictError("the review queue is busy: ask for the next trajectory again");
}

/**
 * The claiming statement (exported so a test can EXPLAIN it). Two picks, the
 * second run only when the first finds nothing: the caller's own claim (their
 * rows of review_claims), else the first free trajectory in (review_count, id)
 * order, read straight off the queue indexes (review_count, id) and
 * (task, review_count, id). Neither sorts the filter: the scan stops at the
 * first row that is neither held by someone else nor decided by the caller,
 * so its cost does not grow with the table. Claims are checked with
 * review_claim_is_live, a fresh snapshot per call: the statement's own
 * snapshot is as old as the statement, and with many reviewers on one filter
 * rivals claim the queue's head while it runs. Returns the candidate and, if
 * the claim was taken, the claimed id; a candidate someone else claimed
 * between that check and the insert comes back unclaimed.
 */
export async function claimStatement(reviewerId: number, filter: TTrajectoryFilter, skipId?: string) {
  const required = await getSetting("review.requiredReviews");
  const params = new SqlParams();
  // One task: the pick must walk (task, review_count, id). With "task = $1" the planner drops task from the order
  // and, costing both indexes as if the task's rows were spread evenly, may walk (review_count, id) instead,
  // filtering out every other task's rows up to the first free one of this task: at 1M trajectories, after a few
  // thousand decisions on one task, 37,656 rows (50 ms) per claim. "= any" with task leading the order leaves
  // only the per-task index able to give that order without a sort.
  const oneTask = filter.task.length === 1;
  const conditions = filterConditions(filter, params, oneTask ? "task" : undefined);
  if (oneTask) conditions.push(`t.task = any(${params.add(filter.task, "::text[]")})`);
  const order = oneTask ? "t.task, t.review_count, t.id" : "t.review_count, t.id";
  const me = params.add(reviewerId, "::int");
  conditions.push(
    `t.review_count < ${params.add(required, "::int")}`,
    `not exists (select 1 from reviews r where r.trajectory_id = t.id and r.reviewer_id = ${me})`,
  );
  if (skipId) conditions.push(`t.id <> ${params.add(skipId, "::bigint")}`);
  const where = conditions.join(" and ");
  const text = `with mine as (
       select t.id from review_claims c join trajectories t on t.id = c.trajectory_id
        where c.reviewer_id = ${me} and ${where}
        order by c.trajectory_id limit 1
        for no key update of t skip locked
     ), free as (
       select t.id from trajectories t
        where ${where} and not review_claim_is_live(t.id)
        order by ${order} limit 1
        for no key update of t skip locked
     ), candidate as (
       select id from mine union all select id from free limit 1
     ), claimed as (
       insert into review_claims (trajectory_id, reviewer_id, expires_at)
       select id, ${me}, now() + make_interval(mins => ${params.add(CLAIM_MINUTES, "::int")}) from candidate
       on conflict (trajectory_id) do update set reviewer_id = excluded.reviewer_id, expires_at = excluded.expires_at
        where review_claims.reviewer_id = excluded.reviewer_id or review_claims.expires_at < now()
       returning trajectory_id
     )
     select (select id::text from candidate) as candidate, (select trajectory_id::text from claimed) as claimed`;
  return { text, values: params.values };
}

/** Gives a claimed trajectory back to the queue (skip, or leaving review mode). */
export async function releaseClaim(actor: TActor, trajectoryId: string): Promise<void> {
  assertCan(actor, "review:write");
  await pool().query("delete from review_claims where trajectory_id = $1 and reviewer_id = $2", [trajectoryId, actorId(actor)]);
}
