import { createHash } from "node:crypto";
import type { TNormalizedTrajectory } from "@/lib/formats/types";
import type { TRawTurn } from "@/lib/steps/types";
import type { Dataset, Trajectory } from "@/lib/generated/prisma/client";
import { parseTrajectory, type TParsedTrajectory } from "@/lib/steps";
import { toolSetOf, type TToolSet } from "@/lib/steps/tool-set";
import { storableText } from "./storable-text";

/** A trajectory ready to be written: the record, its parsed steps and its keys. */
export type TPreparedTrajectory = Pick<Trajectory, "externalId" | "task" | "sourceModel" | "origin" | "reward" | "success" | "runStatus" | "contentHash"> & {
  /** Where the record is in the file (TNormalizedTrajectory), to name it in the report. */
  line: number | null;
  record: number;
  metadata: Record<string, unknown>;
  parsed: TParsedTrajectory;
  /** The declared tools with their hash (the tool_sets key), or null when the record declares none. */
  toolSet: TToolSet | null;
};

export type TTrajectoryDefaults = {
  /** --task: wins over what the record implies. */
  task?: string;
  /** Task implied by the file name, used when neither flag nor record names one. */
  fileTask?: string | null;
  kind: Dataset["kind"];
  sourceModel?: string;
  origin?: string;
};

export const GENERAL_TASK = "general";

export function prepareTrajectory(record: TNormalizedTrajectory, defaults: TTrajectoryDefaults): TPreparedTrajectory {
  const task = resolveTask(record, defaults);
  const reward = record.reward === null ? null : Math.min(1, Math.max(0, record.reward));
  const toolSet = toolSetOf(record.tools);
  return {
    line: record.line,
    record: record.record,
    externalId: record.externalId ?? `#${record.record}`,
    task,
    sourceModel: record.sourceModel ?? defaults.sourceModel ?? null,
    origin: record.origin ?? defaults.origin ?? "unknown",
    reward,
    success: record.success,
    runStatus: record.runStatus,
    metadata: record.reward !== reward ? { ...record.metadata, rewardAsImported: record.reward } : record.metadata,
    parsed: parseTrajectory(task, record.turns, toolSet),
    contentHash: contentHash(task, record.turns, toolSet?.hash ?? null),
    toolSet,
  };
}

function resolveTask(record: TNormalizedTrajectory, defaults: TTrajectoryDefaults): string {
  if (defaults.task) return defaults.task;
  if (defaults.kind === "general") return record.task ?? GENERAL_TASK;
  return record.task ?? defaults.fileTask ?? "unknown";
}

/**
 * The de-duplication key: the same task and the same turns (roles and raw
 * texts as stored) are the same trajectory, whatever their loss flags. The
 * migration 20261201150000_content_hash_without_loss_flags computes the same
 * hash in SQL from stored rows (observations are `user` turns there).
 * Tool-calling data adds what the text does not hold: the reasoning, the calls
 * (ids, names, arguments), the ids a result answers and the declared tools, so
 * two runs differing only in their calls are not duplicates. Rows without any of
 * these (every ReAct row) hash exactly as before.
 */
export function contentHash(task: string, turns: TRawTurn[], toolSetKey: string | null = null): string {
  const hash = createHash("sha256").update(task);
  for (const turn of turns) {
    hash.update(`\u0000${turn.role}\u0000`).update(storableText(turn.text));
    if (turn.reasoning != null) hash.update("\u0000reasoning\u0000").update(storableText(turn.reasoning));
    if (turn.toolCalls?.length) hash.update("\u0000calls\u0000").update(storableText(JSON.stringify(turn.toolCalls)));
    if (turn.toolCallIds !== undefined) hash.update("\u0000results\u0000").update(storableText(JSON.stringify(turn.toolCallIds)));
  }
  if (toolSetKey !== null) hash.update("\u0000tools\u0000").update(toolSetKey);
  return hash.digest("hex");
}
