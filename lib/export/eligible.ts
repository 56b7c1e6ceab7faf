/**
 * Which trajectories a recipe may draw from, as SQL: the agent pool (review
 * status, threshold, contamination, format errors, one per instruction) and the
 * general pool (status, contamination), each over the recipe's datasets. The
 * form's live counts, the export's selection and its preference pairs all
 * build on these, so they can never disagree.
 */
import type pg from "pg";
import { hasLabel } from "@/lib/trajectories/contamination-label";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import type { Dataset } from "@/lib/generated/prisma/client";
import { passesSql } from "@/lib/thresholds/passes-sql";
import type { TThresholdRules } from "@/lib/thresholds/rules";
import type { TAvailability } from "./plan";
import { RecipeError, type TRecipe } from "./recipe";

export type TSources = { agent: number[]; general: number[] };

type TQueryable = Pick<pg.Pool, "query">;

/** Dataset ids of the recipe's sources; a name that is not a dataset of that kind is an error naming it. */
export async function resolveSources(recipe: TRecipe, db: TQueryable = pool()): Promise<TSources> {
  const rows = await db.query<Pick<Dataset, "id" | "name" | "kind">>("select id, name, kind from datasets order by id");
  const pick = (kind: "agent" | "general", names: string[] | null, field: string) => {
    const ofKind = rows.rows.filter((row) => row.kind === kind);
    if (names === null) return ofKind.map((row) => row.id);
    return names.map((name) => {
      const found = ofKind.find((row) => row.name === name);
      if (!found) throw new RecipeError(`recipe: ${field}: no ${kind} dataset named "${name}"`);
      return found.id;
    });
  };
  return {
    agent: pick("agent", recipe.sources.agentDatasets, "sources.agentDatasets"),
    general: pick("general", recipe.sources.generalDatasets, "sources.generalDatasets"),
  };
}

function contaminationSql(recipe: TRecipe): string {
  // Never-checked trajectories (no label) are kept: the manifest names the run the labels come from.
  if (recipe.inclusion.contamination === "excludeDirty") return `not ${hasLabel("t", "c.label = 'dirty'")}`;
  if (recipe.inclusion.contamination === "excludeDirtyAndNeither") return `not ${hasLabel("t", "c.label <> 'clean'")}`;
  return "true";
}

/** Hash of the seed and the content: the order samples are drawn in, stable across re-imports. */
export function seededOrderSql(seed: string, column = "t.content_hash"): string {
  return `md5(${seed} || ':' || ${column})`;
}

/** md5 of a trajectory's whole task turn (null without one): "the same instruction" (the stored instruction is shortened). */
export function taskTurnKeySql(trajectoryId: string): string {
  return `(select md5(k.raw_text) from turns k where k.trajectory_id = ${trajectoryId} and k.is_task_turn limit 1)`;
}

/** `select t.id, t.task, t.content_hash, t.source_model` of eligible agent trajectories. */
export function agentPoolSql(
  recipe: TRecipe,
  rules: TThresholdRules,
  sources: TSources,
  params: SqlParams,
  statuses = recipe.inclusion.statuses,
  needsCriticalStep = recipe.lossMask === "critical",
): string {
  const conditions = [
    `t.dataset_id = any(${params.add(sources.agent, "::int[]")})`,
    `t.status::text = any(${params.add(statuses, "::text[]")})`,
    contaminationSql(recipe),
  ];
  if (recipe.inclusion.passesThreshold) conditions.push(passesSql(params, rules));
  if (recipe.inclusion.excludeFormatErrors) conditions.push("t.format_error_count = 0");
  // Trained on critical steps only, a trajectory without one would add nothing to learn from.
  if (needsCriticalStep) conditions.push("exists (select 1 from turns c where c.trajectory_id = t.id and c.is_critical)");
  const where = conditions.join(" and ");
  if (!recipe.inclusion.onePerInstruction) return `select t.id, t.task, t.content_hash, t.source_model from trajectories t where ${where}`;
  // The key is the whole task turn (the stored instruction is shortened); a trajectory without one is its own key.
  const seed = params.add(String(recipe.seed), "::text");
  const instructionKey = `coalesce(${taskTurnKeySql("t.id")}, t.content_hash)`;
  return `select distinct on (t.task, ${instructionKey}) t.id, t.task, t.content_hash, t.source_model from trajectories t where ${where}
          order by t.task, ${instructionKey}, t.reward desc nulls last, ${seededOrderSql(seed)}`;
}

/** `select t.id, t.task, t.content_hash, t.source_model, gpt4` of eligible general conversations. */
export function generalPoolSql(recipe: TRecipe, sources: TSources, params: SqlParams): string {
  return `select t.id, t.task, t.content_hash, t.source_model, coalesce(t.source_model ~* '^gpt-?4', false) as gpt4 from trajectories t
           where t.dataset_id = any(${params.add(sources.general, "::int[]")})
             and t.status::text = any(${params.add(recipe.inclusion.generalStatuses, "::text[]")})
             and ${contaminationSql(recipe)}`;
}

/** Eligible trajectories per agent task and per general group, for the plan. */
export async function countAvailability(recipe: TRecipe, rules: TThresholdRules, sources: TSources, db: TQueryable = pool()): Promise<TAvailability> {
  const agentParams = new SqlParams();
  const generalParams = new SqlParams();
  const [agent, general] = await Promise.all([
    db.query<{ task: string; n: number }>(`select task, count(*)::int as n from (${agentPoolSql(recipe, rules, sources, agentParams)}) e group by task order by task`, agentParams.values),
    db.query<{ gpt4: boolean; n: number }>(`select gpt4, count(*)::int as n from (${generalPoolSql(recipe, sources, generalParams)}) e group by gpt4`, generalParams.values),
  ]);
  return {
    agent: Object.fromEntries(agent.rows.map((row) => [row.task, row.n])),
    general: {
      gpt4: general.rows.find((row) => row.gpt4)?.n ?? 0,
      other: general.rows.find((row) => !row.gpt4)?.n ?? 0,
    },
  };
}
