/**
 * The first half of an export: decide what goes in. Counts what each pool
 * offers, plans the shares, draws the samples into export_items (one
 * transaction: a failure leaves none) and gathers what the manifest must
 * record about the data's state: thresholds with their versions, the
 * contamination run the labels come from, the datasets.
 */
import type pg from "pg";
import type { TNullable } from "@/lib/db/row";
import { withTransaction } from "@/lib/db/transaction";
import { UserFacingError } from "@/lib/errors";
import type { ContaminationRun, Dataset } from "@/lib/generated/prisma/client";
import { loadThresholdRules, type TThresholdRules } from "@/lib/thresholds/rules";
import { countAvailability, resolveSources, type TSources } from "./eligible";
import { planMix, type TMixPlan } from "./plan";
import type { TRecipe } from "./recipe";
import { selectAgentSamples, selectGeneralSamples, selectPreferencePairs, type TDrawn } from "./select";

export type TExportSummary = {
  plan: TMixPlan;
  /** False when only preference pairs were asked for: the plan is then what a mix would have been, not written. */
  mixWritten: boolean;
  preferencePairs: number;
  /** Samples per kind, task and source model as drawn. */
  counts: { kind: string; task: string; sourceModel: string; samples: number }[];
  thresholds: { byTask: Record<string, { threshold: number; version: number }>; defaultForOtherTasks: number; noRewardTreatment: string; applied: boolean };
  /** Where the labels the recipe filtered on come from: per dataset, the newest finished run that compared it (null: never checked). */
  contaminationRuns: { dataset: string; run: { id: number; testSet: string; finishedAt: string; params: unknown } | null }[];
  datasets: { name: string; kind: string; sha256: string; trajectories: number }[];
};

type TQueryable = Pick<pg.PoolClient, "query">;

/** Eligible counts and the plan, without drawing anything (the form's live counts). */
export async function previewPlan(recipe: TRecipe, db?: TQueryable): Promise<{ plan: TMixPlan; sources: TSources; rules: TThresholdRules }> {
  const rules = await loadThresholdRules();
  const sources = await resolveSources(recipe, db);
  const plan = planMix(await countAvailability(recipe, rules, sources, db), recipe);
  return { plan, sources, rules };
}

export async function drawSamples(exportId: number, recipe: TRecipe): Promise<{ total: number; mixSamples: number; summary: TExportSummary }> {
  return withTransaction(async (client) => {
    // One snapshot for the counts and the draw, so the plan and the samples agree.
    await client.query("set transaction isolation level repeatable read");
    const { plan, sources, rules } = await previewPlan(recipe, client);
    await client.query("delete from export_items where export_id = $1", [exportId]);
    // Preference pairs alone need no mix drawn (its samples would be in no file).
    const mixWanted = recipe.formats.some((format) => format !== "preference");
    const none: TDrawn = { inserted: 0, counts: [] };
    const agent = mixWanted ? await selectAgentSamples(client, exportId, recipe, rules, sources, plan) : none;
    const general = mixWanted ? await selectGeneralSamples(client, exportId, recipe, sources, plan) : none;
    const pairs = recipe.formats.includes("preference") ? await selectPreferencePairs(client, exportId, recipe, rules, sources) : 0;
    const mixSamples = agent.inserted + general.inserted;
    if (mixSamples + pairs === 0) {
      throw new UserFacingError(
        "nothing to export: no trajectory passes the recipe's filters (check the review statuses, threshold and datasets in the form's preview)",
      );
    }
    const summary: TExportSummary = {
      plan,
      mixWritten: mixWanted,
      preferencePairs: pairs,
      // "agent" sorts before "general": the order of kind, task and model as the manifest has always listed them.
      counts: [...agent.counts.map((row) => ({ kind: "agent", ...row })), ...general.counts.map((row) => ({ kind: "general", ...row }))],
      thresholds: thresholdsUsed(rules, plan, recipe.inclusion.passesThreshold),
      contaminationRuns: await labellingRuns(client, sources),
      datasets: await datasetsUsed(client, sources),
    };
    return { total: mixSamples + pairs, mixSamples, summary };
  });
}

function thresholdsUsed(rules: TThresholdRules, plan: TMixPlan, applied: boolean): TExportSummary["thresholds"] {
  const byTask: Record<string, { threshold: number; version: number }> = {};
  for (const row of plan.agent) {
    const set = rules.byTask[row.task];
    byTask[row.task] = set ? { threshold: set.threshold, version: set.version } : { threshold: rules.defaultForOtherTasks, version: 0 };
  }
  return { byTask, defaultForOtherTasks: rules.defaultForOtherTasks, noRewardTreatment: rules.noRewardTreatment, applied };
}

/** A run labels the trajectories of the datasets it compared; the newest finished one per dataset holds the label (lib/contamination/spans.ts reads it the same way). */
async function labellingRuns(client: TQueryable, sources: TSources): Promise<TExportSummary["contaminationRuns"]> {
  // Left joins: a dataset no finished run compared has nulls in the run's columns.
  const rows = await client.query<{ dataset: string; testSet: string | null } & TNullable<Pick<ContaminationRun, "id" | "finishedAt" | "params">>>(
    `select d.name as dataset, r.id, s.name as "testSet", r.finished_at as "finishedAt", r.params
       from datasets d
       left join lateral (select r.* from contamination_runs r
                           where r.state = 'finished'
                             and (r.params->'datasets' is null or r.params->'datasets' @> jsonb_build_array(jsonb_build_object('id', d.id)))
                           order by r.id desc limit 1) r on true
       left join test_sets s on s.id = r.test_set_id
      where d.id = any($1::int[]) order by d.name`,
    [[...sources.agent, ...sources.general]],
  );
  return rows.rows.map((row) => ({
    dataset: row.dataset,
    run: row.id === null ? null : { id: row.id, testSet: row.testSet!, finishedAt: row.finishedAt!.toISOString(), params: row.params },
  }));
}

async function datasetsUsed(client: TQueryable, sources: TSources): Promise<TExportSummary["datasets"]> {
  const rows = await client.query<Pick<Dataset, "name" | "kind" | "sha256" | "trajectoryCount">>(
    `select name, kind, sha256, trajectory_count as "trajectoryCount" from datasets where id = any($1::int[]) order by name`,
    [[...sources.agent, ...sources.general]],
  );
  return rows.rows.map((row) => ({ name: row.name, kind: row.kind, sha256: row.sha256, trajectories: row.trajectoryCount }));
}
