/**
 * What changed between two exports: trajectories added and removed, per task
 * (a trajectory counts once, however often it was repeated), with a few ids of
 * each so a reviewer can open them.
 */
import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { getExport } from "./exports";

export const DIFF_SAMPLE_IDS = 20;

export type TDiffRow = { task: string; before: number; after: number; added: number; removed: number; addedIds: string[]; removedIds: string[] };

export type TExportDiff = { from: number; to: number; rows: TDiffRow[]; added: number; removed: number };

export async function diffExports(actor: TActor, from: number, to: number): Promise<TExportDiff> {
  assertCan(actor, "trajectories:read");
  await Promise.all([getExport(actor, from), getExport(actor, to)]); // both exist, or 404
  const rows = await pool().query<{ task: string; before: number; after: number; added: number; removed: number; added_ids: string[]; removed_ids: string[] }>(
    `with a as (select distinct trajectory_id, task from export_items where export_id = $1 and kind <> 'preference'),
          b as (select distinct trajectory_id, task from export_items where export_id = $2 and kind <> 'preference'),
          joined as (select coalesce(a.task, b.task) as task, a.trajectory_id as in_a, b.trajectory_id as in_b
                       from a full join b on a.trajectory_id = b.trajectory_id)
     select task,
            count(in_a)::int as before, count(in_b)::int as after,
            count(*) filter (where in_a is null)::int as added,
            count(*) filter (where in_b is null)::int as removed,
            ((array_agg(in_b::text order by in_b) filter (where in_a is null))[1:${DIFF_SAMPLE_IDS}]) as added_ids,
            ((array_agg(in_a::text order by in_a) filter (where in_b is null))[1:${DIFF_SAMPLE_IDS}]) as removed_ids
       from joined group by task order by task`,
    [from, to],
  );
  const diffRows = rows.rows.map((row) => ({
    task: row.task,
    before: row.before,
    after: row.after,
    added: row.added,
    removed: row.removed,
    addedIds: row.added_ids ?? [],
    removedIds: row.removed_ids ?? [],
  }));
  return {
    from,
    to,
    rows: diffRows,
    added: diffRows.reduce((sum, row) => sum + row.added, 0),
    removed: diffRows.reduce((sum, row) => sum + row.removed, 0),
  };
}
