/**
 * db (AgentBench DBBench): an unlabelled thought (explanation), then
 *   `Action: Operation` + a ```sql block  → kind sql, action = the first block's SQL
 *     (the environment executes only the first block)
 *   `Action: Answer` + `Final Answer: [...]` → kind answer, action = the list text
 * The step text before `Action:` is the thought (a leading `Thought:` label is
 * dropped if a variant writes one).
 */
import type { TStepParse, TTaskGrammar } from "../types";
import { clip, codeBlocks, joinLines, matchLines, step, stripLabel } from "../text";

const ACTION = /^\s*Action:\s*(.*)$/;
const FINAL = /^\s*Final Answer:\s*(.*)$/;
const THOUGHT = /^Thought:\s*/i;

export function parseDbStep(text: string): TStepParse {
  const lines = text.split("\n");
  const first = matchLines(lines, ACTION)[0];
  if (!first) {
    return step(stripLabel(text, THOUGHT), null, null, "db step ends without `Action: Operation` or `Action: Answer`");
  }
  const before = joinLines(lines, 0, first.index);
  const thought = before === null ? null : stripLabel(before, THOUGHT);
  const value = (first.match[1] ?? "").trim();
  const after = lines.slice(first.index + 1);

  if (value === "Operation") {
    const sql = codeBlocks(after, ["sql"])[0]?.trim();
    if (sql === undefined) return step(thought, null, "sql", "db `Action: Operation` has no ```sql code block");
    if (sql === "") return step(thought, null, "sql", "db ```sql code block is empty");
    return step(thought, sql, "sql");
  }
  if (value === "Answer") {
    const final = matchLines(after, FINAL)[0];
    if (!final) return step(thought, null, "answer", "db `Action: Answer` has no `Final Answer:` line");
    const answer = (final.match[1] ?? "").trim();
    if (!answer.startsWith("[") || !answer.endsWith("]")) {
      return step(thought, answer || null, "answer", `db Final Answer must be a list like ["..."], got \`${clip(answer)}\``);
    }
    return step(thought, answer, "answer");
  }
  return step(thought, null, null, `db \`Action:\` must be Operation or Answer, got \`${clip(value)}\``);
}

export const dbGrammar: TTaskGrammar = {
  name: "db",
  taskTurnIndex: 2,
  promptMarker: /Action:\s*Operation/,
  parseStep: parseDbStep,
};
