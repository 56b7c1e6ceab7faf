import { prisma } from "@/lib/db/client";
import type { TPlain } from "@/lib/db/row";
import type { TaskThreshold } from "@/lib/generated/prisma/client";
import { getSettings } from "@/lib/settings/settings";
import type { TNoRewardTreatment } from "./passes";

/** The thresholds in force, read from the database; the rule itself is in passes.ts. */
export { passes, TIE_EPSILON, type TNoRewardTreatment } from "./passes";

export type TTaskThresholdRow = TPlain<Pick<TaskThreshold, "threshold" | "version" | "updatedAt">>;

/** The thresholds in force: one per task with a row, the default for the others, and what a missing reward means. */
export type TThresholdRules = {
  byTask: Record<string, TTaskThresholdRow>;
  defaultForOtherTasks: number;
  noRewardTreatment: TNoRewardTreatment;
};

/** Reads the rules once (callers are lib entry points that already checked a scope). */
export async function loadThresholdRules(): Promise<TThresholdRules> {
  const [rows, settings] = await Promise.all([
    prisma().taskThreshold.findMany({ orderBy: { task: "asc" } }),
    getSettings(["thresholds.defaultForOtherTasks", "thresholds.noRewardTreatment"]),
  ]);
  const defaultForOtherTasks = settings["thresholds.defaultForOtherTasks"];
  const noRewardTreatment = settings["thresholds.noRewardTreatment"];
  const byTask: Record<string, TTaskThresholdRow> = {};
  for (const row of rows) byTask[row.task] = { threshold: row.threshold, version: row.version, updatedAt: row.updatedAt.toISOString() };
  return { byTask, defaultForOtherTasks, noRewardTreatment };
}

export function thresholdOf(rules: TThresholdRules, task: string): number {
  return rules.byTask[task]?.threshold ?? rules.defaultForOtherTasks;
}
