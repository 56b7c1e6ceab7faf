/**
 * Draws an export's samples into export_items, inside PostgreSQL (no id list
 * in memory, whatever the size). Each pool is ranked by a hash of the seed and
 * the content, and the first `quota` are taken; sampling with replacement goes
 * round the same ranking again (copy 2, 3, ...), so every trajectory of a short
 * task is used equally often. The output order is the hash of seed, content
 * and copy: the same data and seed give the same order, another seed another.
 * Rows are inserted in sort-key order, so the primary key (export_id, sort_key, ...)
 * grows at its right edge instead of splitting pages all over (at 1M
 * trajectories, the 685,716 general samples: 9.1 s unordered, 7.5 s ordered).
 * Each draw also returns its samples per task and source model, counted from the
 * rows it drew: counting them afterwards joined the items back to trajectories,
 * a read of the whole table (3–8 s at 1M).
 */
import type pg from "pg";
import { SqlParams } from "@/lib/db/params";
import type { TThresholdRules } from "@/lib/thresholds/rules";
import { agentPoolSql, generalPoolSql, seededOrderSql, taskTurnKeySql, type TSources } from "./eligible";
import type { TMixPlan } from "./plan";
import type { TRecipe } from "./recipe";

type TQueryable = Pick<pg.PoolClient, "query">;

/** A draw's samples per task and source model ("unknown" when none), ordered by task, then model. */
export type TDrawnCount = { task: string; sourceModel: string; samples: number };
export type TDrawn = { inserted: number; counts: TDrawnCount[] };

/**
 * Inserts the drawn rows (in sort-key order) and counts them in the same statement. `drawn` selects export_id,
 * sort_key, trajectory_id, copy, task, kind and source_model.
 */
async function insertDrawn(db: TQueryable, drawn: string, values: unknown[]): Promise<TDrawn> {
  const result = await db.query<TDrawnCount>(
    `with drawn as materialized (${drawn}),
          inserted as (insert into export_items (export_id, sort_key, trajectory_id, copy, task, kind)
                       select export_id, sort_key, trajectory_id, copy, task, kind from drawn order by sort_key)
     select task, coalesce(source_model, 'unknown') as "sourceModel", count(*)::int as samples from drawn group by 1, 2 order by 1, 2`,
    values,
  );
  return { inserted: result.rows.reduce((sum, row) => sum + row.samples, 0), counts: result.rows };
}

/** 60 bits of an md5 as a bigint: the sample's place in the output. */
function sortKeySql(text: string): string {
  return `('x' || substr(md5(${text}), 1, 15))::bit(60)::bigint`;
}

export async function selectAgentSamples(db: TQueryable, exportId: number, recipe: TRecipe, rules: TThresholdRules, sources: TSources, plan: TMixPlan): Promise<TDrawn> {
  const params = new SqlParams();
  const pool = agentPoolSql(recipe, rules, sources, params);
  const seed = params.add(String(recipe.seed), "::text");
  const tasks = params.add(plan.agent.map((row) => row.task), "::text[]");
  const quotas = params.add(plan.agent.map((row) => row.quota), "::int[]");
  return insertDrawn(
    db,
    `select ${params.add(exportId, "::int")} as export_id, ${sortKeySql(`${seed} || ':' || e.content_hash || ':' || c.copy`)} as sort_key,
            e.id as trajectory_id, c.copy, e.task, 'agent' as kind, e.source_model
       from (select p.*, row_number() over (partition by p.task order by ${seededOrderSql(seed, "p.content_hash")}) as rn,
                    count(*) over (partition by p.task) as n
               from (${pool}) p) e
       join unnest(${tasks}, ${quotas}) as q(task, quota) on q.task = e.task
       cross join lateral generate_series(1, greatest(1, ceil(q.quota::numeric / e.n)::int)) as c(copy)
      where (c.copy - 1) * e.n + e.rn <= q.quota`,
    params.values,
  );
}

export async function selectGeneralSamples(db: TQueryable, exportId: number, recipe: TRecipe, sources: TSources, plan: TMixPlan): Promise<TDrawn> {
  const params = new SqlParams();
  const pool = generalPoolSql(recipe, sources, params);
  const seed = params.add(String(recipe.seed), "::text");
  return insertDrawn(
    db,
    `select ${params.add(exportId, "::int")} as export_id, ${sortKeySql(`${seed} || ':' || e.content_hash || ':1'`)} as sort_key,
            e.id as trajectory_id, 1 as copy, e.task, 'general' as kind, e.source_model
       from (select p.*, row_number() over (partition by p.gpt4 order by ${seededOrderSql(seed, "p.content_hash")}) as rn from (${pool}) p) e
      where e.rn <= case when e.gpt4 then ${params.add(plan.general.gpt4.quota, "::int")} else ${params.add(plan.general.other.quota, "::int")} end`,
    params.values,
  );
}

/**
 * Preference pairs (docs/method.md §7): accepted and rejected runs of the same task
 * and instruction, paired in seeded order (the k-th accepted with the k-th
 * rejected). Both sides pass the recipe's contamination and format rules; the
 * threshold does not apply, since rejected runs mostly fail it.
 */
export async function selectPreferencePairs(db: TQueryable, exportId: number, recipe: TRecipe, rules: TThresholdRules, sources: TSources): Promise<number> {
  const params = new SqlParams();
  const open = { ...recipe, inclusion: { ...recipe.inclusion, passesThreshold: false, onePerInstruction: false } };
  // A rejected run rarely has critical steps marked: pairs are not limited to runs that have one.
  const accepted = agentPoolSql(open, rules, sources, params, ["accepted"], false);
  const rejected = agentPoolSql(open, rules, sources, params, ["rejected"], false);
  const seed = params.add(String(recipe.seed), "::text");
  const ranked = (pool: string) =>
    `select k.*, row_number() over (partition by k.task, k.instruction_key order by ${seededOrderSql(seed, "k.content_hash")}) as rn
       from (select p.*, ${taskTurnKeySql("p.id")} as instruction_key from (${pool}) p) k where k.instruction_key is not null`;
  const result = await db.query(
    `insert into export_items (export_id, sort_key, trajectory_id, rejected_id, copy, task, kind)
     select ${params.add(exportId, "::int")}, ${sortKeySql(`${seed} || ':' || a.content_hash || ':' || r.content_hash`)}, a.id, r.id, 1, a.task, 'preference'
       from (${ranked(accepted)}) a join (${ranked(rejected)}) r on r.task = a.task and r.instruction_key = a.instruction_key and r.rn = a.rn
      order by 2`,
    params.values,
  );
  return result.rowCount ?? 0;
}
