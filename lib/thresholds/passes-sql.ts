import type { SqlParams } from "@/lib/db/params";
import { SETTINGS } from "@/lib/settings/settings";
import { AGENT_DATASETS_SQL } from "./figures";
import { TIE_EPSILON, type TThresholdRules } from "./rules";

/**
 * "Passes its task's threshold" as a SQL boolean over `t` (trajectories),
 * never null: reward ≥ threshold − ε, the task's threshold or else the default,
 * and a missing reward as the team's setting says.
 *
 * With the rules read once for the request, they go in as parameters (a
 * lookup in a parameter array per row). Callers without them (facets, review
 * queues) get the same rule read from the tables inside the statement.
 */
export function passesSql(params: SqlParams, rules: TThresholdRules | null): string {
  if (rules) {
    const tasks = Object.keys(rules.byTask);
    const taskList = params.add(tasks, "::text[]");
    const values = params.add(tasks.map((task) => rules.byTask[task]!.threshold), "::float8[]");
    const fallback = params.add(rules.defaultForOtherTasks, "::float8");
    const keepMissing = params.add(rules.noRewardTreatment === "pass", "::boolean");
    return `(case when t.reward is null then ${keepMissing}
             else t.reward >= coalesce((${values})[array_position(${taskList}, t.task)], ${fallback}) - ${TIE_EPSILON} end)`;
  }
  // Uncorrelated subqueries: PostgreSQL runs each once per statement (InitPlan), not once per row.
  const fallback = params.add(SETTINGS["thresholds.defaultForOtherTasks"].fallback, "::float8");
  const treatment = params.add(SETTINGS["thresholds.noRewardTreatment"].fallback, "::text");
  return `(case when t.reward is null then
             coalesce((select s.value #>> '{}' from app_settings s where s.key = 'thresholds.noRewardTreatment'), ${treatment}) = 'pass'
           else t.reward >= coalesce(
             ((select array_agg(th.threshold order by th.task) from task_thresholds th))[
               array_position((select array_agg(th.task order by th.task) from task_thresholds th), t.task)],
             (select (s.value #>> '{}')::float8 from app_settings s where s.key = 'thresholds.defaultForOtherTasks'),
             ${fallback}) - ${TIE_EPSILON} end)`;
}

/** Agent trajectories that pass (`yes`) or fail (`no`) their threshold; general data is in neither. */
export function passesCondition(params: SqlParams, rules: TThresholdRules | null, wanted: "yes" | "no"): string {
  return `(${AGENT_DATASETS_SQL} and ${wanted === "no" ? "not " : ""}${passesSql(params, rules)})`;
}
