import type { SqlParams } from "@/lib/db/params";
import { passesCondition } from "@/lib/thresholds/passes-sql";
import type { TThresholdRules } from "@/lib/thresholds/rules";
import { hasLabel, unchecked } from "./contamination-label";
import { NO_MODEL, type TTrajectoryFilter } from "./query";

/** What some filters need beyond the URL, read once per request: the thresholds in force. */
export type TFilterContext = { thresholds: TThresholdRules | null };

type TClause = (filter: TTrajectoryFilter, params: SqlParams, context: TFilterContext) => string | null;

/**
 * The whitelist: every filter of the URL compiles to SQL here and only here,
 * with values always passed as parameters. Column names never come from input.
 */
const CLAUSES: Record<string, TClause> = {
  // One task as `=`, not `= any(array)`: the planner then knows the task is fixed (its estimates, and an index on (task, x, id) read in (x, id) order).
  task: (f, p) => (f.task.length === 1 ? `t.task = ${p.add(f.task[0], "::text")}` : f.task.length ? `t.task = any(${p.add(f.task, "::text[]")})` : null),
  dataset: (f, p) => (f.dataset.length ? `t.dataset_id = any(${p.add(f.dataset, "::int[]")})` : null),
  status: (f, p) => (f.status.length ? `t.status = any(${p.add(f.status, '::"TrajectoryStatus"[]')})` : null),
  model: (f, p) => {
    if (!f.model.length) return null;
    const named = `t.source_model = any(${p.add(f.model, "::text[]")})`;
    return f.model.includes(NO_MODEL) ? `(${named} or t.source_model is null)` : named;
  },
  contamination: (f, p) => {
    if (!f.contamination.length) return null;
    const labels = f.contamination.filter((label) => label !== "unchecked");
    const parts = labels.length ? [hasLabel("t", `c.label = any(${p.add(labels, "::text[]")})`)] : [];
    if (f.contamination.includes("unchecked")) parts.push(unchecked("t"));
    return `(${parts.join(" or ")})`;
  },
  rewardMin: (f, p) => (f.rewardMin !== undefined ? `t.reward >= ${p.add(f.rewardMin, "::float8")}` : null),
  rewardMax: (f, p) => (f.rewardMax !== undefined ? `t.reward <= ${p.add(f.rewardMax, "::float8")}` : null),
  noReward: (f) => (f.noReward === "yes" ? "t.reward is null" : f.noReward === "no" ? "t.reward is not null" : null),
  formatErrors: (f) =>
    f.formatErrors === "yes" ? "t.format_error_count > 0" : f.formatErrors === "no" ? "t.format_error_count = 0" : null,
  loop: (f) => (f.loop === "yes" ? "t.loop_start_turn is not null" : f.loop === "no" ? "t.loop_start_turn is null" : null),
  // Agent trajectories whose reward reaches their task's threshold (lib/thresholds); general data matches neither value.
  passes: (f, p, context) => (f.passes ? passesCondition(p, context.thresholds, f.passes) : null),
  // The stored vector of the instruction (migration instruction_search) with its GIN index: a sampled or
  // scanned row costs a match, not a to_tsvector of its whole instruction.
  q: (f, p) => (f.q ? `t.instruction_search @@ websearch_to_tsquery('simple', ${p.add(f.q)})` : null),
};

export type TFilterKey = keyof typeof CLAUSES;

/**
 * `where` conditions for a filter (alias `t` = trajectories), optionally leaving
 * one out (for facets). Without a context, the thresholds are read inside the
 * statement instead of passed as parameters: the same rule either way.
 */
export function filterConditions(filter: TTrajectoryFilter, params: SqlParams, except?: TFilterKey, context: TFilterContext = { thresholds: null }): string[] {
  return Object.entries(CLAUSES)
    .filter(([key]) => key !== except)
    .map(([, clause]) => clause(filter, params, context))
    .filter((condition): condition is string => condition !== null);
}

export function whereSql(conditions: string[]): string {
  return conditions.length ? `where ${conditions.join(" and ")}` : "";
}
