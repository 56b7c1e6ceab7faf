import { createHash } from "node:crypto";
import type { TNormalizedTrajectory } from "@/lib/formats/types";
import type { TRawTurn } from "@/lib/steps/types";
import type { Dataset, Trajectory } from "@/lib/generated/prisma/client";
import { parseTrajectory, type TParsedTrajectory } from "@/lib/steps";
import { storableText } from "./storable-text";

/** A trajectory ready to be written: the record, its parsed steps and its keys. */
export type TPreparedTrajectory = Pick<Trajectory, "externalId" | "task" | "sourceModel" | "origin" | "reward" | "success" | "runStatus" | "contentHash"> & {
  /** Where the record is in the file (TNormalizedTrajectory), to name it in the report. */
  line: number | null;
  record: number;
  metadata: Record<string, unknown>;
  parsed: TParsedTrajectory;
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
    parsed: parseTrajectory(task, record.turns),
    contentHash: contentHash(task, record.turns),
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
 */
export function contentHash(task: string, turns: TRawTurn[]): string {
  const hash = createHash("sha256").update(task);
  for (const turn of turns) {
    hash.update(`\u0000${turn.role}\u0000`).update(storableText(turn.text));
    // tool-calling turns hold calls, reasoning and result links beside the text (Anthropic tool_use, OpenAI
    // tool_calls with null content): records differing only there are different. Absent on ReAct turns,
    // so their hash (and the SQL one) is unchanged.
    const calls = turn.toolCalls ?? [];
    const ids = turn.toolCallIds ?? [];
    const reasoning = turn.reasoning ?? null;
    if (calls.length > 0 || ids.length > 0 || reasoning !== null) {
      hash.update(`\u0001${JSON.stringify([calls.map((c) => [c.id, c.name, c.arguments]), ids, reasoning])}`);
    }
  }
  return hash.digest("hex");
}
