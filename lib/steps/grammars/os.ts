/**
 * os (AgentBench OS interaction): `Think: ...` then exactly one of
 *   `Act: bash` + a ```bash block   → kind bash, action = the code
 *   `Act: answer(...)`              → kind answer, action = text inside the parentheses
 *   `Act: finish`                   → kind finish, action "finish"
 * The action word is matched case-insensitively, as AgentBench does. A missing
 * `Think:` is not a format error (the environment accepts it); the thought is
 * then whatever text precedes `Act:`, or null.
 */
import type { TStepParse, TTaskGrammar } from "../types";
import { clip, codeBlocks, joinLines, matchLines, step, stripLabel } from "../text";

const ACT = /^\s*Act:\s*(.*)$/;
const THINK = /^Think:\s*/i;

export function parseOsStep(text: string): TStepParse {
  const lines = text.split("\n");
  const acts = matchLines(lines, ACT);
  const first = acts[0];
  if (!first) return step(stripLabel(text, THINK), null, null, "os step has no `Act:` line");

  const thoughtText = joinLines(lines, 0, first.index);
  const thought = thoughtText === null ? null : stripLabel(thoughtText, THINK);
  const value = (first.match[1] ?? "").trim();
  const extra = acts.length > 1 ? `os step has ${acts.length} \`Act:\` lines; one action per turn` : null;
  const word = /^[a-z_]+/i.exec(value)?.[0].toLowerCase() ?? "";

  if (word === "bash" && value.length === 4) {
    const code = codeBlocks(lines.slice(first.index + 1), ["bash"]);
    if (code.length === 0) return step(thought, null, "bash", "os `Act: bash` has no ```bash code block");
    const joined = code.map((c) => c.trim()).join("\n\n").trim();
    if (joined === "") return step(thought, null, "bash", "os ```bash code block is empty");
    return step(thought, joined, "bash", extra);
  }
  if (word === "finish" && value.length === 6) return step(thought, "finish", "finish", extra);
  if (word === "answer") {
    // The answer may run over several lines: take the first "(" to the last ")".
    const rest = [value, ...lines.slice(first.index + 1)].join("\n");
    const open = rest.indexOf("(");
    const close = rest.lastIndexOf(")");
    if (open === -1 || close < open) {
      return step(thought, null, "answer", "os `Act: answer` must put the answer in parentheses: answer(...)");
    }
    return step(thought, rest.slice(open + 1, close).trim(), "answer", extra);
  }
  return step(thought, null, null, `os \`Act:\` must be bash, answer(...) or finish, got \`${clip(value)}\``);
}

export const osGrammar: TTaskGrammar = {
  name: "os",
  taskTurnIndex: 6,
  taskTurnHint: /^Now, I will start a new problem/i,
  promptMarker: /Act:\s*bash/,
  parseStep: parseOsStep,
};
