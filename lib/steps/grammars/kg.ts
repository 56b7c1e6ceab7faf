/**
 * kg (AgentBench knowledge graph): `Thought: ...` then either
 *   `Action: get_relations(...)` | get_neighbors | intersection | get_attributes
 *     | argmax | argmin | count   → kind tool, action = the call text
 *   `Final Answer: #n`            → kind answer, action = "#n"
 */
import type { TStepParse, TTaskGrammar } from "../types";
import { clip, joinLines, matchLines, step, stripLabel } from "../text";

const ACTION = /^\s*Action:\s*(.*)$/;
const FINAL = /^\s*Final Answer:\s*(.*)$/;
const THOUGHT = /^Thought:\s*/i;
const TOOLS = ["get_relations", "get_neighbors", "intersection", "get_attributes", "argmax", "argmin", "count"];
const CALL = /^([A-Za-z_]\w*)\s*\((.*)\)$/s;
const VARIABLE = /^#\d+\.?$/;

export function parseKgStep(text: string): TStepParse {
  const lines = text.split("\n");
  const action = matchLines(lines, ACTION)[0];
  const final = matchLines(lines, FINAL)[0];
  const firstLabel = Math.min(action?.index ?? lines.length, final?.index ?? lines.length);
  const before = joinLines(lines, 0, firstLabel);
  const thought = before === null ? null : stripLabel(before, THOUGHT);

  if (action && final) return step(thought, null, null, "kg step has both an `Action:` and a `Final Answer:`");
  if (action) {
    const value = (action.match[1] ?? "").trim();
    const m = CALL.exec(value);
    if (!m || !TOOLS.includes(m[1] as string)) {
      return step(thought, null, "tool", `kg Action must call ${TOOLS.join(", ")}; got \`${clip(value) || "nothing"}\``);
    }
    return step(thought, value, "tool");
  }
  if (final) {
    const value = (final.match[1] ?? "").trim();
    if (!VARIABLE.test(value)) {
      return step(thought, value || null, "answer", `kg Final Answer must be a variable like #3, got \`${clip(value) || "nothing"}\``);
    }
    return step(thought, value.replace(/\.$/, ""), "answer");
  }
  return step(thought, null, null, "kg step has neither `Action: tool(...)` nor `Final Answer: #n`");
}

export const kgGrammar: TTaskGrammar = {
  name: "kg",
  taskTurnIndex: 18,
  promptMarker: /get_relations/,
  parseStep: parseKgStep,
};
