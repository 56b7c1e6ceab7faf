/**
 * mind2web (AgentBench Mind2Web, multiple-choice element selection): a single
 * step of labelled lines
 *   Thought: ...            (optional, may run over several lines)
 *   Answer: B.              (the chosen element's letter)
 *   Action: CLICK|SELECT|TYPE
 *   Value: ...              (required for TYPE and SELECT)
 * Kind element; action text "B. CLICK", "B. TYPE: value", "B. SELECT: value".
 * `Answer: A.` is "None of the above" and needs no Action (action "A.").
 */
import type { TStepParse, TTaskGrammar } from "../types";
import { clip, step, textOrNull } from "../text";

const LABEL = /^\s*(Thought|Answer|Action|Value):\s*(.*)$/;
const LETTER = /^\(?([A-Z])\)?(?:\.|\b)/;
const OPERATIONS = ["CLICK", "SELECT", "TYPE"];

export function parseMind2webStep(text: string): TStepParse {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split("\n")) {
    const m = LABEL.exec(line);
    if (m && !sections.has(m[1] as string)) {
      current = [m[2] ?? ""];
      sections.set(m[1] as string, current);
    } else if (current) current.push(line);
  }
  const get = (label: string): string | null => {
    const s = sections.get(label);
    return s ? textOrNull(s.join("\n")) : null;
  };
  const thought = get("Thought");
  const answer = get("Answer");
  const operation = get("Action");
  const value = get("Value");

  if (answer === null) return step(thought, null, null, "mind2web step has no `Answer:` line");
  const letter = LETTER.exec(answer)?.[1];
  if (letter === undefined) {
    return step(thought, null, null, `mind2web Answer must be a choice letter like \`B.\`, got \`${clip(answer)}\``);
  }
  if (operation === null) {
    if (letter === "A") return step(thought, "A.", "element");
    return step(thought, null, "element", "mind2web step has no `Action:` line (CLICK, SELECT or TYPE)");
  }
  const op = operation.split("\n")[0]?.trim() ?? "";
  if (!OPERATIONS.includes(op.toUpperCase())) {
    return step(thought, null, "element", `mind2web Action must be CLICK, SELECT or TYPE, got ${clip(op) || "nothing"}`);
  }
  const upper = op.toUpperCase();
  if (upper === "CLICK") return step(thought, `${letter}. CLICK`, "element");
  if (value === null) return step(thought, null, "element", `mind2web ${upper} needs a \`Value:\` line`);
  return step(thought, `${letter}. ${upper}: ${value}`, "element");
}

export const mind2webGrammar: TTaskGrammar = { name: "mind2web", taskTurnIndex: 0, parseStep: parseMind2webStep };
