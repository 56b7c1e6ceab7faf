/**
 * webshop (AgentBench WebShop): `Thought:` ... then `Action:` followed (on the
 * same or the next line) by `search[keywords]` (kind search) or
 * `click[button]` (kind click). The action is the whole `verb[...]` text.
 */
import type { TStepParse, TTaskGrammar } from "../types";
import { clip, joinLines, matchLines, step, stripLabel, valueAfterLabel } from "../text";

const ACTION = /^\s*Action:\s*(.*)$/i;
const THOUGHT = /^Thought:\s*/i;
const CALL = /^(search|click)\[.*\]$/is;

export function parseWebshopStep(text: string): TStepParse {
  const lines = text.split("\n");
  const first = matchLines(lines, ACTION)[0];
  if (!first) return step(stripLabel(text, THOUGHT), null, null, "webshop step has no `Action:` line");
  const before = joinLines(lines, 0, first.index);
  const thought = before === null ? null : stripLabel(before, THOUGHT);
  const { value } = valueAfterLabel(lines, first);
  const m = CALL.exec(value);
  if (!m) {
    return step(thought, null, null, `webshop action must be search[...] or click[...], got \`${clip(value) || "nothing"}\``);
  }
  return step(thought, value, (m[1] as string).toLowerCase());
}

export const webshopGrammar: TTaskGrammar = {
  name: "webshop",
  taskTurnIndex: 2,
  promptMarker: /click\[/,
  parseStep: parseWebshopStep,
};
