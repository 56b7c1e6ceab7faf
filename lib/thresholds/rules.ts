import { pool } from "@/lib/db/client";
import { getSetting } from "@/lib/settings/settings";
import type { TNoRewardTreatment } from "./passes";

/** The thresholds in force, read from the database; the rule itself is in passes.ts. */
export { passes, TIE_EPSILON, type TNoRewardTreatment } from "./passes";

export type TTaskThresholdRow = { threshold: number; version: number; updatedAt: string };

/** The thresholds in force: one per task with a row, the default for the others, and what a missing reward means. */
export type TThresholdRules = {
  byTask: Record<string, TTaskThresholdRow>;
  defaultForOtherTasks: number;
  noRewardTreatment: TNoRewardTreatment;
};

/** Reads the rules once (callers are lib entry points that already checked a scope). */
export async function loadThresholdRules(): Promise<TThresholdRules> {
  const [rows, defaultForOtherTasks, noRewardTreatment] = await Promise.all([
    pool().query<{ task: string; threshold: number; version: number; updated_at: Date }>(
      "select task, threshold, version, updated_at from task_thresholds order by task",
    ),
    getSetting("thresholds.defaultForOtherTasks"),
    getSetting("thresholds.noRewardTreatment"),
  ]);
  const byTask: Record<string, TTaskThresholdRow> = {};
  for (const row of rows.rows) byTask[row.task] = { threshold: row.threshold, version: row.version, updatedAt: row.updated_at.toISOString() };
  return { byTask, defaultForOtherTasks, noRewardTreatment };
}

export function thresholdOf(rules: TThresholdRules, task: string): number {
  return rules.byTask[task]?.threshold ?? rules.defaultForOtherTasks;
}
