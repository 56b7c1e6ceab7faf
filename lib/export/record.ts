/**
 * The shapes an export moves through, one trajectory at a time:
 *
 *   TSourceTrajectory (as stored: every turn, original and current thought)
 *     → thought variant + loss mask (lib/export/transform)
 *     → TExportRecord (what a trainer sees)
 *     → writers in lib/export/writers (conversations JSONL, messages JSONL,
 *       parquet, preference pairs).
 */
import type { Dataset, Trajectory, Turn } from "@/lib/generated/prisma/client";

/**
 * A turn as stored. `rawText` is exactly as imported (never modified); `thought` the thought as parsed
 * at import (revision 0, control sequences stripped); `currentThought` the latest reviewed revision's
 * text (null = never rewritten) and `thoughtVersion` its number.
 */
export type TSourceTurn = Pick<
  Turn,
  "index" | "role" | "rawText" | "thought" | "currentThought" | "thoughtVersion" | "loss" | "isPrefix" | "isTaskTurn" | "isCritical"
>;

/**
 * A trajectory as stored, with its dataset's name and kind. `instruction` is the task turn's text
 * (concise): pairs chosen and rejected runs of one instruction. `contentHash`, the de-duplication key,
 * is recorded in the export's sample list.
 */
export type TSourceTrajectory = Pick<Trajectory, "externalId" | "task" | "sourceModel" | "reward" | "status" | "instruction"> &
  Partial<Pick<Trajectory, "contentHash">> & {
    id: number;
    datasetName: Dataset["name"];
    kind: Dataset["kind"];
    turns: TSourceTurn[];
  };

/** latest: each step's latest reviewed revision; original: as imported; none: without CoT (docs/method.md §4). */
export type TThoughtVariant = "latest" | "original" | "none";

/** asImported: loss flags as the file had them; allAssistant: every non-prefix assistant turn; critical: critical steps only. */
export type TLossMask = "asImported" | "allAssistant" | "critical";

/** A turn as written out. Observations become `user` turns, as every trainer format has them. */
export type TExportTurn = {
  role: "system" | "user" | "assistant";
  text: string;
  /** Train on this turn: true / false, or null = the trainer's default (as imported without a flag). */
  loss: boolean | null;
};

export type TExportRecord = {
  /** Stable across reruns: the trajectory's external id, suffixed `#k` for the k-th repeat (k ≥ 2) when sampled with replacement. */
  id: string;
  trajectoryId: number;
  task: string;
  sourceModel: string | null;
  datasetName: string;
  kind: TSourceTrajectory["kind"];
  reward: number | null;
  turns: TExportTurn[];
  /** Position of the task turn in `turns` (the prompt ends there), null without one. */
  taskTurnIndex: number | null;
  /** Per-task rules could not rewrite the prompt for the without-CoT variant: a generic rule was used. */
  genericCotRule: boolean;
};

/** One DPO example: the shared prompt, then an accepted and a rejected continuation of the same instruction. */
export type TPreferencePair = {
  id: string;
  task: string;
  chosenTrajectoryId: number;
  rejectedTrajectoryId: number;
  prompt: TExportTurn[];
  chosen: TExportTurn[];
  rejected: TExportTurn[];
};
