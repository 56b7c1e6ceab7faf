/**
 * Which thought each assistant turn carries in an export (record.ts
 * TThoughtVariant): as imported, the latest reviewed revision, or none.
 */
import type { TSourceTrajectory, TThoughtVariant } from "../record";
import { stepWithThought } from "./thought-edit";
import { turnsWithoutCot, type TKeptTurn } from "./without-cot";

export function turnsForVariant(source: TSourceTrajectory, variant: TThoughtVariant): TKeptTurn[] {
  const turns = [...source.turns].sort((a, b) => a.index - b.index);
  // ShareGPT chat has no thought/action steps: its replies are kept whole.
  if (variant === "none" && source.kind === "agent") return turnsWithoutCot(source.task, turns);
  return turns.map((turn) => {
    const revised =
      variant === "latest" &&
      turn.role === "assistant" &&
      turn.currentThought !== null &&
      turn.currentThought !== turn.thought;
    return { turn, text: revised ? stepWithThought(source.task, turn.rawText, turn.thought, turn.currentThought ?? "") : turn.rawText };
  });
}
