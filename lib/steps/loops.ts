/**
 * Loop detection: being stuck repeating the same failed action is one of the
 * commonest failures of tuned agents, and trajectories showing it teach it.
 *
 * Rule (kept simple on purpose): a run of LOOP_MIN_REPEATS or more consecutive
 * task steps (assistant turns after the prefix) with the same step key is a
 * loop. The key is the action kind plus the normalised action (trimmed,
 * whitespace collapsed); a step without a parsed action is keyed by its whole
 * normalised text, so repeating the same malformed output also counts.
 * Observations are not compared: an agent that re-issues an identical action
 * three times has not adapted to what it saw (AgentBench's own ALFWorld runner
 * ends an episode as failed on three identical outputs).
 * Exempt: steps whose repetition is progress by nature — WebShop result
 * paging (`click[Next >]`, `click[< Prev]`). Such a step breaks a run.
 */
import { normalizeAction } from "./text";

export const LOOP_MIN_REPEATS = 3;

export type TLoopStep = {
  /** Turn index of the assistant step. */
  index: number;
  action: string | null;
  actionKind: string | null;
  /** Control-sequence-stripped text of the step. */
  text: string;
};

const PAGING = /^click\[\s*(?:next\s*>|<\s*prev)\s*\]$/i;

function stepKey(s: TLoopStep): string | null {
  if (s.action !== null) {
    const action = normalizeAction(s.action);
    if (PAGING.test(action)) return null;
    return `${s.actionKind ?? ""}\u0000${action}`;
  }
  return `\u0001${normalizeAction(s.text)}`;
}

/** Turn indexes of the steps that are part of a loop, in order. */
export function findLoops(steps: readonly TLoopStep[], minRepeats = LOOP_MIN_REPEATS): number[] {
  const inLoop: number[] = [];
  let runStart = 0;
  let runKey: string | null = null;
  const close = (end: number) => {
    if (runKey !== null && end - runStart >= minRepeats) {
      for (let j = runStart; j < end; j++) inLoop.push((steps[j] as TLoopStep).index);
    }
  };
  for (let i = 0; i < steps.length; i++) {
    const key = stepKey(steps[i] as TLoopStep);
    if (key === null || key !== runKey) {
      close(i);
      runStart = i;
      runKey = key;
    }
  }
  close(steps.length);
  return inLoop;
}
