import { actorId, assertCan, can, type TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { getSetting } from "@/lib/settings/settings";

/** Review status counts of one task, for the home page's progress chart. */
export type TTaskProgress = { task: string; accepted: number; rejected: number; pending: number };

/** Accepted / rejected / pending per task, the largest tasks first. */
export async function reviewProgress(actor: TActor): Promise<TTaskProgress[]> {
  assertCan(actor, "trajectories:read");
  const result = await pool().query<TTaskProgress>(
    `select task,
            count(*) filter (where status = 'accepted')::int as accepted,
            count(*) filter (where status = 'rejected')::int as rejected,
            count(*) filter (where status = 'pending')::int as pending
       from trajectories group by task order by count(*) desc, task`,
  );
  return result.rows;
}

/**
 * What the review queue still holds for this reviewer (the rule of
 * lib/review/queue.ts claimNext with no filter): trajectories that need more
 * reviews, that they have not reviewed, and that nobody else holds. Null for a
 * role that does not review.
 */
export async function myQueueCount(actor: TActor): Promise<number | null> {
  assertCan(actor, "trajectories:read");
  const me = actorId(actor);
  if (me === null || !can(actor, "review:write")) return null;
  const required = await getSetting("review.requiredReviews");
  const result = await pool().query<{ n: number }>(
    `select count(*)::int as n from trajectories t
      where t.review_count < $1
        and not exists (select 1 from reviews r where r.trajectory_id = t.id and r.reviewer_id = $2)
        and not exists (select 1 from review_claims c where c.trajectory_id = t.id and c.reviewer_id <> $2 and c.expires_at >= now())`,
    [required, me],
  );
  return result.rows[0]?.n ?? 0;
}

export type TOpenProposal = { id: number; task: string; value: number; reason: string; createdAt: Date };

export async function openProposals(actor: TActor, limit = 8): Promise<TOpenProposal[]> {
  assertCan(actor, "trajectories:read");
  return prisma().thresholdProposal.findMany({
    where: { state: "open" },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, task: true, value: true, reason: true, createdAt: true },
  });
}

/** Trajectories the latest check of each labelled them dirty (the table's contamination=dirty filter). */
export async function dirtyTrajectoryCount(actor: TActor): Promise<number> {
  assertCan(actor, "trajectories:read");
  const result = await pool().query<{ n: number }>("select count(*)::int as n from trajectory_contamination where label = 'dirty'");
  return result.rows[0]?.n ?? 0;
}
