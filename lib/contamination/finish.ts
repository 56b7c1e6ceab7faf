/**
 * The end of a run: once its last range is done, score the test items from the
 * union of matched n-grams, write the report and label the trajectories. The
 * run row is locked and its state checked in the same transaction, so however
 * many workers finish ranges at the same moment, exactly one finishes the run.
 */
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
    // The newest finished run that compared a trajectory labels it (the table filters on that); other datasets keep
    // theirs. Rows whose label and rate stay the same are not rewritten (trajectories carries many indexes).
    // Fresh statistics first: planned with the last run's (this run's rows not yet counted), the anti-join below
    // became a nested loop over every pair, minutes on 40,000 trajectories (bench:jobs, a second check of the same data).
    await client.query("analyze contamination_trajectory_results");
    await client.query(
      `update trajectories t set contamination_rate = null, contamination_label = null
        where t.contamination_label is not null and t.dataset_id = any($2::int[])
          and not exists (select 1 from contamination_trajectory_results r where r.run_id = $1 and r.trajectory_id = t.id)`,
      [runId, scope.datasetIds],
    );
    await client.query(
      `update trajectories t set contamination_rate = r.rate, contamination_label = r.label
         from contamination_trajectory_results r
        where r.run_id = $1 and t.id = r.trajectory_id
          and (t.contamination_label is distinct from r.label or t.contamination_rate is distinct from r.rate)`,
      [runId],
    );
    await client.query(`update contamination_runs set state = 'finished', summary = $2, finished_at = now() where id = $1`, [runId, JSON.stringify(summary)]);
    await recordAudit(client, actor, {
      type: "contamination.run_finished",
      target: { type: "contamination_run", id: runId },
      after: { state: "finished", total: summary.table.total, templateCount: templates.length },
    });
    return true;
  });
}

