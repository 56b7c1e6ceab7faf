/**
 * DPO pairs: an accepted and a rejected run of the same instruction share
 * one prompt (everything up to the task turn) and differ in what follows.
 */
import type { TExportRecord, TExportTurn, TPreferencePair } from "../record";

/** Index of the last prompt turn: the task turn, else the first user turn; null when there is neither. */
function promptEnd(record: TExportRecord): number | null {
  if (record.taskTurnIndex !== null) return record.taskTurnIndex;
  const firstUser = record.turns.findIndex((t) => t.role === "user");
  return firstUser === -1 ? null : firstUser;
}

function sameTexts(a: readonly TExportTurn[], b: readonly TExportTurn[]): boolean {
  return a.length === b.length && a.every((t, i) => t.role === b[i]?.role && t.text === b[i]?.text && t.reasoning === b[i]?.reasoning);
}

const hasAssistant = (turns: readonly TExportTurn[]) => turns.some((t) => t.role === "assistant");

/** The pair, or null when the prompts differ or either side has no assistant turn after its prompt. */
export function preferencePair(chosen: TExportRecord, rejected: TExportRecord): TPreferencePair | null {
  const chosenEnd = promptEnd(chosen);
  const rejectedEnd = promptEnd(rejected);
  if (chosenEnd === null || rejectedEnd === null) return null;
  const prompt = chosen.turns.slice(0, chosenEnd + 1);
  if (!sameTexts(prompt, rejected.turns.slice(0, rejectedEnd + 1))) return null;
  const chosenTurns = chosen.turns.slice(chosenEnd + 1);
  const rejectedTurns = rejected.turns.slice(rejectedEnd + 1);
  if (!hasAssistant(chosenTurns) || !hasAssistant(rejectedTurns)) return null;
  return {
    id: `${chosen.id}|${rejected.id}`,
    task: chosen.task,
    tools: chosen.tools,
    chosenTrajectoryId: chosen.trajectoryId,
    rejectedTrajectoryId: rejected.trajectoryId,
    prompt,
    chosen: chosenTurns,
    rejected: rejectedTurns,
  };
}
