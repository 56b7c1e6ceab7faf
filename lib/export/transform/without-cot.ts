/**
 * The without-CoT variant of one agent trajectory (docs/method.md §4): thoughts go
 * from every assistant turn, worked-example turns included, and the prompt
 * turns (system turns and the prefix's user turns) stop asking for them.
 *
 * - A step whose whole text is a thought (an ALFWorld `think:` move, or a
 *   format error that never reached an action label) has no thought-free
 *   form: it goes, with the observation that answers it. If that leaves the
 *   conversation ending on observations where it ended on a step, those go
 *   too (a conversation ends on an assistant turn).
 * - A prefix assistant turn without an action (the "Ok." acknowledgement)
 *   is kept as written: it is scripted text, not a reasoning step.
 * - Observations, a worked example's included, and the task turn are never
 *   rewritten. The task turn is the instruction itself (for mind2web a raw
 *   page, whose text must not be edited).
 */
import { parseAssistantStep } from "@/lib/steps";
import type { TSourceTurn } from "../record";
import { promptWithoutCot } from "./prompt-rules";
import { stepWithoutThought } from "./thought-edit";

export type TKeptTurn = { turn: TSourceTurn; text: string };

/** System turns and the prefix's user turns, except a worked example's
 *  environment replies (they follow an example step with an action): those
 *  are observations, whose text is never edited. */
function isPromptTurn(task: string, turn: TSourceTurn, previous: TSourceTurn | undefined): boolean {
  if (turn.role === "system") return true;
  if (!turn.isPrefix || turn.role !== "user") return false;
  return !(previous?.role === "assistant" && parseAssistantStep(task, previous.rawText).action !== null);
}

/** The turn that answers a dropped step: its observation (in a worked example, the next prefix user turn). */
function answers(step: TSourceTurn, next: TSourceTurn | undefined): boolean {
  if (!next || next.isTaskTurn) return false;
  return next.role === "observation" || (step.isPrefix && next.isPrefix && next.role === "user");
}

export function turnsWithoutCot(task: string, turns: readonly TSourceTurn[]): TKeptTurn[] {
  const texts: Array<string | null> = turns.map((turn, i) => {
    if (isPromptTurn(task, turn, turns[i - 1])) return promptWithoutCot(task, turn.rawText);
    if (turn.role !== "assistant") return turn.rawText;
    const stripped = stepWithoutThought(task, turn.rawText);
    return stripped === null && turn.isPrefix ? turn.rawText : stripped;
  });
  for (let i = 0; i < turns.length; i++) {
    if (texts[i] === null && answers(turns[i] as TSourceTurn, turns[i + 1])) texts[i + 1] = null;
  }
  const kept: TKeptTurn[] = [];
  turns.forEach((turn, i) => {
    const text = texts[i];
    if (text !== null && text !== undefined) kept.push({ turn, text });
  });
  if (turns.at(-1)?.role === "assistant") {
    while (kept.length > 0 && kept[kept.length - 1]?.turn.role === "observation") kept.pop();
  }
  return kept;
}
