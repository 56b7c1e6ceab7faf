/**
 * hotpotqa / FireAct (ReAct with a Wikipedia or search API): `Thought: ...`
 * (possibly numbered, `Thought 1:`) then `Action: search[...]`,
 * `lookup[...]` or `finish[...]` (numbered `Action 1:` and capitalised
 * `Search[...]` as in the ReAct prompts are accepted). Kind is the verb in
 * lower case (search, lookup, finish); the action is the whole `verb[...]`.
 * A step that goes on to write its own `Observation:` hallucinates the
 * environment: that is flagged.
 */
import type { TStepParse, TTaskGrammar } from "../types";
import { clip, joinLines, matchLines, step, stripLabel, valueAfterLabel } from "../text";

const ACTION = /^\s*Action(?:\s*\d+)?\s*:\s*(.*)$/i;
const OBSERVATION = /^\s*Observation(?:\s*\d+)?\s*:/i;
const THOUGHT = /^Thought(?:\s*\d+)?\s*:\s*/i;
const CALL = /^(search|lookup|finish)\[.*\]$/is;

export function parseReactStep(text: string): TStepParse {
  const lines = text.split("\n");
  const first = matchLines(lines, ACTION)[0];
  if (!first) return step(stripLabel(text, THOUGHT), null, null, "hotpotqa step has no `Action:` line");
  const before = joinLines(lines, 0, first.index);
  const thought = before === null ? null : stripLabel(before, THOUGHT);
  const { value, line } = valueAfterLabel(lines, first);
  const m = CALL.exec(value);
  if (!m) {
    return step(thought, null, null, `hotpotqa action must be search[...], lookup[...] or finish[...], got \`${clip(value) || "nothing"}\``);
  }
  const kind = (m[1] as string).toLowerCase();
  const error = matchLines(lines.slice(line + 1), OBSERVATION).length > 0
    ? "hotpotqa step writes its own `Observation:` after the action"
    : null;
  return step(thought, value, kind, error);
}

export const hotpotqaGrammar: TTaskGrammar = { name: "hotpotqa", taskTurnIndex: 0, parseStep: parseReactStep };
