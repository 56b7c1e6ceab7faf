import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { bucketToSplit, GRID_STEPS, type TRewardBin, type TTaskHistogram, ZERO } from "./curve";
import { TIE_EPSILON } from "./passes";

/** Counts at these thresholds must be exact: `task` null means every task (the default threshold). */
export type TMark = { task: string | null; value: number };

/** Only agent data is filtered by reward; general (ShareGPT) data never appears here. */
export const AGENT_DATASETS_SQL = "t.dataset_id in (select d.id from datasets d where d.kind = 'agent')";

type TDbBin = { task: string; bucket: number | null; exact: number | null; total: number; accepted: number; rejected: number };

/**
 * The one aggregate behind every figure of the thresholds page: agent
 * trajectories grouped by task and 0.01-wide reward bucket (null: no reward),
 * counted by review status. Buckets that hold an off-grid mark are grouped by
 * exact reward too, so counts at that mark stay exact. One sequential pass,
 * a few hundred groups out, whatever the number of trajectories.
 */
export async function loadRewardHistograms(marks: readonly TMark[]): Promise<Map<string, TTaskHistogram>> {
  const split = splitBuckets(marks);
  const params = new SqlParams();
  const tasks = params.add(split.map((entry) => entry.task), "::text[]");
  const buckets = params.add(split.map((entry) => entry.bucket), "::int[]");
  const result = await pool().query<TDbBin>(
    `with split(task, bucket) as (select * from unnest(${tasks}, ${buckets})),
     r as (
       -- greatest/least skip nulls: without the case, a missing reward would land in bucket 100.
       select t.task, t.reward, t.status,
              case when t.reward is not null
                then greatest(-1, least(${GRID_STEPS}, floor((t.reward + ${TIE_EPSILON}) * ${GRID_STEPS})))::int end as bucket
         from trajectories t
        where ${AGENT_DATASETS_SQL}
     )
     select r.task, r.bucket, case when s.bucket is not null then r.reward end as exact,
            count(*)::int as total,
            count(*) filter (where r.status = 'accepted')::int as accepted,
            count(*) filter (where r.status = 'rejected')::int as rejected
       from r left join split s on s.bucket = r.bucket and s.task in (r.task, '*')
      group by 1, 2, 3`,
    params.values,
  );
  const histograms = new Map<string, TTaskHistogram>();
  for (const row of result.rows) {
    let histogram = histograms.get(row.task);
    if (!histogram) histograms.set(row.task, (histogram = { task: row.task, bins: [], noReward: ZERO }));
    const counts = { total: row.total, accepted: row.accepted, rejected: row.rejected, pending: row.total - row.accepted - row.rejected };
    if (row.bucket === null) histogram.noReward = counts;
    else histogram.bins.push({ ...counts, bucket: row.bucket, exact: row.exact } satisfies TRewardBin);
  }
  for (const histogram of histograms.values()) histogram.bins.sort((a, b) => a.bucket - b.bucket || (a.exact ?? 0) - (b.exact ?? 0));
  return histograms;
}

/**
 * The (task, bucket) pairs to split, at most one entry per bucket and task so
 * the join never doubles a row: a bucket split for every task ('*') covers
 * the per-task entries of the same bucket.
 */
function splitBuckets(marks: readonly TMark[]): { task: string; bucket: number }[] {
  const everywhere = new Set<number>();
  const perTask = new Map<string, { task: string; bucket: number }>();
  for (const mark of marks) {
    const bucket = bucketToSplit(mark.value);
    if (bucket === null) continue;
    if (mark.task === null) everywhere.add(bucket);
    else perTask.set(`${mark.task}\u0000${bucket}`, { task: mark.task, bucket });
  }
  return [
    ...[...everywhere].map((bucket) => ({ task: "*", bucket })),
    ...[...perTask.values()].filter((entry) => !everywhere.has(entry.bucket)),
  ];
}
