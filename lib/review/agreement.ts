import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import type { TPgRow } from "@/lib/db/row";
import type { Trajectory } from "@/lib/generated/prisma/client";
import { agreementStats, type TPairCounts } from "./kappa";

export type TAgreementRow = TPairCounts & { agreement: number | null; kappa: number | null };
export type TAgreement = {
  pairs: (TAgreementRow & { first: string; second: string })[];
  tasks: (TAgreementRow & { task: string })[];
  disputed: TDisputed[];
};

/** Reviewers' emails by decision, on a trajectory they disagree about. */
type TDisputed = TPgRow<Pick<Trajectory, "id" | "externalId" | "task">> & { accepted: string[]; rejected: string[] };

/**
 * Agreement between reviewers on the trajectories both reviewed, per reviewer
 * pair and per task (pairs pooled, the lower user id as the first rater), and
 * the trajectories whose reviewers disagree.
 */
export async function reviewAgreement(actor: TActor): Promise<TAgreement> {
  assertCan(actor, "trajectories:read");
  const pairSql = `
    select a.reviewer_id as first_id, b.reviewer_id as second_id, t.task,
           (a.decision = b.decision) as agree, (a.decision = 'accepted') as first_accepts, (b.decision = 'accepted') as second_accepts
      from reviews a join reviews b on b.trajectory_id = a.trajectory_id and b.reviewer_id > a.reviewer_id
      join trajectories t on t.id = a.trajectory_id`;
  const counts = `count(*)::int as items, count(*) filter (where agree)::int as agree,
                  count(*) filter (where first_accepts)::int as "firstAccepts", count(*) filter (where second_accepts)::int as "secondAccepts"`;
  const [pairs, tasks, disputed] = await Promise.all([
    pool().query<TPairCounts & { first: string; second: string }>(
      `select u1.email as first, u2.email as second, ${counts}
         from (${pairSql}) p join users u1 on u1.id = p.first_id join users u2 on u2.id = p.second_id
        group by u1.email, u2.email order by items desc`,
    ),
    pool().query<TPairCounts & Pick<Trajectory, "task">>(`select task, ${counts} from (${pairSql}) p group by task order by task`),
    pool().query<TDisputed>(
      `select t.id::text, t.external_id as "externalId", t.task,
              array_agg(u.email order by u.email) filter (where r.decision = 'accepted') as accepted,
              array_agg(u.email order by u.email) filter (where r.decision = 'rejected') as rejected
         from reviews r join trajectories t on t.id = r.trajectory_id join users u on u.id = r.reviewer_id
        group by t.id having count(distinct r.decision) > 1
        order by t.id desc limit 200`,
    ),
  ]);
  return {
    pairs: pairs.rows.map((row) => ({ ...row, ...agreementStats(row) })),
    tasks: tasks.rows.map((row) => ({ ...row, ...agreementStats(row) })),
    disputed: disputed.rows,
  };
}
