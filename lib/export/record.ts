/**
 * The shapes an export moves through, one trajectory at a time:
 *
 *   TSourceTrajectory (as stored: every turn, original and current thought)
 *     → thought variant + loss mask (lib/export/transform)
 *     → TExportRecord (what a trainer sees)
 *     → writers in lib/export/writers (conversations JSONL, messages JSONL,
 *       parquet, preference pairs).
 */
import type { TToolDeclaration } from "@/lib/formats/types";
import type { Dataset, Trajectory, Turn } from "@/lib/generated/prisma/client";
import type { TCallSyntax, TToolCall } from "@/lib/steps/types";

/**
 * A turn as stored. `rawText` is exactly as imported (never modified); `thought` the thought as parsed
 * at import (revision 0, control sequences stripped); `currentThought` the latest reviewed revision's
 * text (null = never rewritten) and `thoughtVersion` its number.
 */
export type TSourceTurn = Pick<
  Turn,
  "index" | "role" | "rawText" | "thought" | "currentThought" | "thoughtVersion" | "loss" | "isPrefix" | "isTaskTurn" | "isCritical"
> & {
  /** Tool-calling turns (lib/steps/types.ts): the calls of an assistant turn (null when it has none), the call ids an
   *  observation answers, and how the calls were written (native, or recognised in rawText). */
  toolCalls: TToolCall[] | null;
  toolCallIds: string[];
  callSyntax: TCallSyntax | null;
};

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
    /** The tools the run declared (tool-calling data), null when none. */
    tools: TToolDeclaration[] | null;
    turns: TSourceTurn[];
  };

/** latest: each step's latest reviewed revision; original: as imported; none: without CoT (docs/method.md §4). */
export type TThoughtVariant = "latest" | "original" | "none";

/** asImported: loss flags as the file had them; allAssistant: every non-prefix assistant turn; critical: critical steps only. */
export type TLossMask = "asImported" | "allAssistant" | "critical";

/** asImported: calls stay as the file wrote them (text calls inside the text); native: calls recognised in the text
 *  are written as structured tool calls with their results as tool messages. */
export type TToolCallMode = "asImported" | "native";

/** field: reasoning in its own field (`reasoning_content`); think: inline `<think>…</think>` before the content. */
export type TReasoningAs = "field" | "think";

/**
 * A turn as written out. Observations become `user` turns, as every trainer format has them, except the
 * results of structured tool calls: `tool` turns answering `toolCallId`.
 */
export type TExportTurn = {
  role: "system" | "user" | "assistant" | "tool";
  /** The content (for a tool-calling assistant turn: its visible text without the calls). */
  text: string;
  /** Train on this turn: true / false, or null = the trainer's default (as imported without a flag). */
  loss: boolean | null;
  /** Reasoning kept beside the content (tool-calling data, reasoningAs "field"); null when none or inline. */
  reasoning: string | null;
  /** Structured calls of an assistant turn, arguments exactly as stored; null when the turn makes none. */
  toolCalls: TToolCall[] | null;
  /** A tool turn: the call it answers. */
  toolCallId: string | null;
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
  /** The declared tools (OpenAI function shape) of a tool-calling trajectory, null when none. */
  tools: TToolDeclaration[] | null;
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
  tools: TToolDeclaration[] | null;
  chosenTrajectoryId: number;
  rejectedTrajectoryId: number;
  prompt: TExportTurn[];
  chosen: TExportTurn[];
  rejected: TExportTurn[];
};
