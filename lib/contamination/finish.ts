/**
 * The end of a run: once its last range is done, score the test items from the
 * union of matched n-grams, write the report and label the trajectories. The
 * run row is locked and its state checked in the same transaction, so however
 * many workers finish ranges at the same moment, exactly one finishes the run.
 */
import type pg from "pg";
import { recordAudit } from "@/lib/audit/events";
import type { TActor } from "@/lib/access/actor";
import { copyRows } from "@/lib/db/copy";
import { withTransaction } from "@/lib/db/transaction";
import type { ContaminationRun } from "@/lib/generated/prisma/client";
import { templateList } from "./check";
import type { TCheckParams } from "./params";
import type { TTrainingScope } from "./run-datasets";
import type { TRunSummary } from "./run";
import { TRAJECTORIES_PER_ITEM } from "./scan";
import { scoreItems, taskTable } from "./score";
import type { TTestIndex } from "./test-index";

/** Scores the items and labels the trajectories, once every range is done; false (a no-op) for every other caller. */
export async function finishRun(actor: TActor, runId: number, index: TTestIndex, scope: TTrainingScope): Promise<boolean> {
  // A pg transaction: the item results go in with COPY.
  return withTransaction(async (client) => {
    const run = await client.query<Pick<ContaminationRun, "state" | "params">>(`select state, params from contamination_runs where id = $1 for update`, [runId]);
    if (run.rows[0]?.state !== "running") return false;
    const left = await client.query(`select 1 from contamination_run_ranges where run_id = $1 and state <> 'done' limit 1`, [runId]);
    if (left.rowCount) return false;
    const params = run.rows[0].params as TCheckParams;
    const matched = new Uint8Array(index.ngramCount);
    const ids = await client.query<{ g: number }>(`select distinct unnest(matched) as g from contamination_run_ranges where run_id = $1`, [runId]);
    for (const { g } of ids.rows) matched[g] = 1;
    const items = scoreItems(index, matched, params);
    const linked = await client.query<{ position: number; ids: string[] }>(
      `select i as position, (array_agg(trajectory_id order by trajectory_id))[1:${TRAJECTORIES_PER_ITEM}]::text[] as ids
         from contamination_trajectory_results, unnest(items) i where run_id = $1 group by i`,
      [runId],
    );
    const byItem = new Map(linked.rows.map((r) => [r.position, r.ids]));
    await copyRows(
      client,
      "contamination_item_results",
      ["run_id", "position", "external_id", "task", "tokens", "contaminated", "rate", "label", "spans", "trajectory_ids"],
      items.map((it) => [runId, it.index, it.id, it.task, it.tokens, it.contaminated, it.rate, it.label, JSON.stringify(it.spans), `{${(byItem.get(it.index) ?? []).join(",")}}`]),
    );
    const templates = templateList(index);
    const summary: TRunSummary = { table: taskTable(items), templates: templates.slice(0, 500), templateCount: templates.length };
    await labelTrajectories(client, runId, scope);
    await client.query(`update contamination_runs set state = 'finished', summary = $2, finished_at = now() where id = $1`, [runId, JSON.stringify(summary)]);
    await recordAudit(client, actor, {
      type: "contamination.run_finished",
      target: { type: "contamination_run", id: runId },
      after: { state: "finished", total: summary.table.total, templateCount: templates.length },
    });
    return true;
  });
}

/**
 * The newest finished run that compared a trajectory labels it (the table filters on that); other datasets keep
 * theirs. Labels live in trajectory_contamination, apart from the wide, many-indexed trajectories: a first check
 * inserts one narrow row per trajectory. Labels that stay the same are not written again.
 */
async function labelTrajectories(client: pg.PoolClient, runId: number, scope: TTrainingScope): Promise<void> {
  // One check writes labels at a time: two finishing together over shared datasets would both insert a label. (The
  // ANALYZE below takes a lock that only one transaction holds too; this one says so and does not rely on it.)
  await client.query("select pg_advisory_xact_lock(hashtext('contamination labels'))");
  // Fresh statistics first: planned with the last run's (this run's rows not yet counted), the joins below became
  // nested loops over every pair, minutes on 40,000 trajectories (bench:jobs, a second check of the same data). The
  // labels' own, since a check a minute ago may have written them all and autovacuum not counted them yet.
  await client.query("analyze contamination_trajectory_results, trajectory_contamination");
  // A dataset being removed meanwhile: wait for it, then label what is left. Labels have no foreign key (its per-row
  // check locked every labelled trajectory): this lock and the join below keep a label from outliving its trajectory,
  // since no removal starts until this commits, and a removal's delete trigger takes the labels it finds.
  await client.query("select 1 from datasets where id = any($1::int[]) for key share", [scope.datasetIds]);
  await client.query(
    `delete from trajectory_contamination c using trajectories t
      where t.id = c.trajectory_id and t.dataset_id = any($2::int[])
        and not exists (select 1 from contamination_trajectory_results r where r.run_id = $1 and r.trajectory_id = c.trajectory_id)`,
    [runId, scope.datasetIds],
  );
  // Only new and changed labels are written, so an unchanged one is neither rewritten nor locked. They are set apart
  // first: an anti-join inside the insert, planned on statistics that called the labels empty, rescanned the labels
  // per row while the insert grew them (50,529 labels: 25 s instead of 0.7 s). The join with trajectories skips
  // those of a dataset removed since the scan.
  await client.query("create temp table changed_labels (trajectory_id bigint, rate float8, label text, is_new boolean) on commit drop");
  await client.query(
    `insert into changed_labels
     select r.trajectory_id, r.rate, r.label, old.trajectory_id is null
       from contamination_trajectory_results r
       join trajectories t on t.id = r.trajectory_id
       left join trajectory_contamination old on old.trajectory_id = r.trajectory_id
      where r.run_id = $1 and (old.trajectory_id is null or (old.rate, old.label) is distinct from (r.rate, r.label))`,
    [runId],
  );
  // Temporary tables have no statistics until analysed: the update below is then planned on what is there.
  await client.query("analyze changed_labels");
  await client.query(
    `update trajectory_contamination c set rate = n.rate, label = n.label
       from changed_labels n where not n.is_new and c.trajectory_id = n.trajectory_id`,
  );
  // In id order: the primary key grows at its right edge. A plain insert: the first lock leaves no conflict to check.
  await client.query(
    `insert into trajectory_contamination (trajectory_id, rate, label)
     select trajectory_id, rate, label from changed_labels where is_new order by trajectory_id`,
  );
}

