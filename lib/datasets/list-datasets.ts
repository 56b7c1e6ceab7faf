import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";

export type TDatasetSummary = {
  id: number;
  name: string;
  kind: "agent" | "general";
  format: string;
  sourceFile: string;
  importedBy: string;
  createdAt: Date;
  trajectoryCount: number;
  duplicateCount: number;
  errorCount: number;
  isDemo: boolean;
  /** Trajectories per task, largest first. */
  tasks: { task: string; count: number; withReward: number }[];
};

/** Every dataset with its trajectory counts per task (one aggregate query). */
export async function listDatasets(actor: TActor): Promise<TDatasetSummary[]> {
  assertCan(actor, "trajectories:read");
  const result = await pool().query<{
    id: number; name: string; kind: "agent" | "general"; format: string; source_file: string; imported_by: string;
    created_at: Date; trajectory_count: number; duplicate_count: number; error_count: number; is_demo: boolean;
    tasks: { task: string; count: number; withReward: number }[] | null;
  }>(`
    select d.id, d.name, d.kind, d.format, d.source_file, d.imported_by, d.created_at, d.trajectory_count,
           d.duplicate_count, d.error_count, d.is_demo,
           (select json_agg(json_build_object('task', t.task, 'count', t.n, 'withReward', t.rewarded) order by t.n desc, t.task)
              from (select task, count(*)::int as n, count(reward)::int as rewarded
                      from trajectories where dataset_id = d.id group by task) t) as tasks
      from datasets d
     order by d.created_at desc, d.id desc`);
  return result.rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    format: row.format,
    sourceFile: row.source_file,
    importedBy: row.imported_by,
    createdAt: row.created_at,
    trajectoryCount: row.trajectory_count,
    duplicateCount: row.duplicate_count,
    errorCount: row.error_count,
    isDemo: row.is_demo,
    tasks: row.tasks ?? [],
  }));
}

/** Totals per task across all datasets, for the overview. */
export async function taskTotals(actor: TActor): Promise<{ task: string; count: number }[]> {
  assertCan(actor, "trajectories:read");
  const result = await pool().query<{ task: string; count: number }>(
    "select task, count(*)::int as count from trajectories group by task order by count desc, task",
  );
  return result.rows;
}
