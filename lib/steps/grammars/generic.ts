/**
 * Unknown tasks: no grammar check, never a format error. The first line that
 * starts with `Action:`, `Act:` or `ACTION:` (any case, optionally numbered)
 * splits the step: the text before is the thought (a leading `Thought:`,
 * `Think:` or `THOUGHT:` label dropped), the rest — label removed — is the
 * action. Kind is the called name when the action looks like `name[...]` or
 * `name(...)`, else "action". A step without such a line is a plain message:
 * thought only when it carries a thought label, otherwise nothing.
 */
import type { TStepParse, TTaskGrammar } from "../types";
import { joinLines, matchLines, step, stripLabel, textOrNull } from "../text";

const ACTION = /^\s*(?:action|act)(?:\s*\d+)?\s*:\s*(.*)$/i;
const THOUGHT = /^(?:thought|think)(?:\s*\d+)?\s*:\s*/i;
const CALL = /^([A-Za-z_][\w.-]*)\s*[[(]/;

export function parseGenericStep(text: string): TStepParse {
  const lines = text.split("\n");
  const first = matchLines(lines, ACTION)[0];
  if (!first) {
    return THOUGHT.test(text.trimStart()) ? step(stripLabel(text, THOUGHT), null, null) : step(null, null, null);
  }
  const before = joinLines(lines, 0, first.index);
  const thought = before === null ? null : stripLabel(before, THOUGHT);
  const action = textOrNull([first.match[1] ?? "", ...lines.slice(first.index + 1)].join("\n"));
  if (action === null) return step(thought, null, null);
  const name = CALL.exec(action)?.[1]?.toLowerCase();
  return step(thought, action, name ?? "action");
}

export const genericGrammar: TTaskGrammar = { name: "generic", taskTurnIndex: null, parseStep: parseGenericStep };
