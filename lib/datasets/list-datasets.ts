import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { columnsAs } from "@/lib/db/row";
import type { Dataset } from "@/lib/generated/prisma/client";

const SUMMARY_FIELDS = [
  "id", "name", "kind", "format", "sourceFile", "importedBy", "createdAt", "trajectoryCount", "duplicateCount", "errorCount", "isDemo",
] as const satisfies readonly (keyof Dataset)[];

export type TDatasetSummary = Pick<Dataset, (typeof SUMMARY_FIELDS)[number]> & {
  /** Trajectories per task, largest first. */
  tasks: { task: string; count: number; withReward: number }[];
};

/** Every dataset with its trajectory counts per task (one aggregate query). */
export async function listDatasets(actor: TActor): Promise<TDatasetSummary[]> {
  assertCan(actor, "trajectories:read");
  const result = await pool().query<Omit<TDatasetSummary, "tasks"> & { tasks: TDatasetSummary["tasks"] | null }>(`
    select ${columnsAs("d", SUMMARY_FIELDS)},
           (select json_agg(json_build_object('task', t.task, 'count', t.n, 'withReward', t.rewarded) order by t.n desc, t.task)
              from (select task, count(*)::int as n, count(reward)::int as rewarded
                      from trajectories where dataset_id = d.id group by task) t) as tasks
      from datasets d
     order by d.created_at desc, d.id desc`);
  return result.rows.map((row) => ({ ...row, tasks: row.tasks ?? [] }));
}
