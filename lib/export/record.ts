/**
 * The shapes an export moves through, one trajectory at a time:
 *
 *   TSourceTrajectory (as stored: every turn, original and current thought)
 *     → thought variant + loss mask (lib/export/transform)
 *     → TExportRecord (what a trainer sees)
 *     → writers in lib/export/writers (conversations JSONL, messages JSONL,
 *       parquet, preference pairs).
 */
import type { TTurnRole } from "@/lib/steps/types";

export type TSourceTurn = {
  index: number;
  role: TTurnRole;
  /** Exactly as imported (never modified). */
  rawText: string;
  /** The thought as parsed at import (revision 0), control sequences stripped. */
  thought: string | null;
  /** The latest reviewed revision's text (null = never rewritten) and its number. */
  currentThought: string | null;
  thoughtVersion: number;
  loss: boolean | null;
  isPrefix: boolean;
  isTaskTurn: boolean;
  isCritical: boolean;
};

export type TSourceTrajectory = {
  id: number;
  externalId: string;
  datasetName: string;
  kind: "agent" | "general";
  task: string;
  sourceModel: string | null;
  reward: number | null;
  status: "pending" | "accepted" | "rejected";
  /** The task turn's text (concise): pairs chosen and rejected runs of one instruction. */
  instruction: string;
  /** The de-duplication key, recorded in the export's sample list. */
  contentHash?: string;
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
  kind: "agent" | "general";
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
