/**
 * alfworld (AgentBench ALFWorld): `THOUGHT: ...` then ` ACTION: ...`, or
 * `ACTION: ...` alone (most steps). Kind game; the action is the rest of the
 * `ACTION:` line (AgentBench takes the first line after `ACTION:`).
 * Labels are matched case-insensitively so AgentGym-style `Thought:`/`Action:`
 * steps also pass. A step that is only `think: ...` (the ALFWorld ReAct
 * prompt's thinking move, answered by the environment with "OK.") is accepted
 * as a thought-only step: kind think, action null, no format error.
 */
import type { TStepParse, TTaskGrammar } from "../types";
import { step, stripLabel, textOrNull } from "../text";

/** `ACTION:` at the start or after whitespace (" ACTION:" follows the thought).
 *  Only when there is none, an `Action:` label in another case at a line start
 *  (AgentGym style); "the next action: ..." inside a thought is not a label. */
const ACTION = /(^|\s)ACTION:/;
const ACTION_ANY_CASE = /(^|\n)[ \t]*action:/i;

function findAction(text: string): RegExpExecArray | null {
  return ACTION.exec(text) ?? ACTION_ANY_CASE.exec(text);
}
const THOUGHT = /^thought:\s*/i;
const THINK = /^think:\s*/i;

export function parseAlfworldStep(text: string): TStepParse {
  const trimmed = text.trim();
  const m = findAction(trimmed);
  if (!m) {
    if (THINK.test(trimmed)) return step(stripLabel(trimmed, THINK), null, "think");
    if (THOUGHT.test(trimmed)) return step(stripLabel(trimmed, THOUGHT), null, null, "alfworld `THOUGHT:` step has no `ACTION:`");
    return step(textOrNull(trimmed), null, null, "alfworld step has no `ACTION:` line");
  }
  const labelEnd = m.index + m[0].length;
  const before = trimmed.slice(0, m.index).trim();
  const after = trimmed.slice(labelEnd).replace(/^[ \t]*\n/, "");
  const newline = after.indexOf("\n");
  const action = (newline === -1 ? after : after.slice(0, newline)).trim();
  const rest = newline === -1 ? "" : after.slice(newline + 1);

  let thought: string | null = null;
  let error: string | null = null;
  if (before !== "") {
    if (THOUGHT.test(before)) thought = stripLabel(before, THOUGHT);
    else {
      thought = before;
      error = "alfworld text before `ACTION:` must start with `THOUGHT:`";
    }
  }
  if (action === "") return step(thought, null, "game", "alfworld `ACTION:` is empty");
  if (findAction(rest) !== null) error = "alfworld step has more than one `ACTION:`";
  return step(thought, action, "game", error);
}

export const alfworldGrammar: TTaskGrammar = {
  name: "alfworld",
  taskTurnIndex: 2,
  taskTurnHint: /^Here is your task\b/i,
  promptMarker: /ACTION:/,
  parseStep: parseAlfworldStep,
};
