/** Helpers for the demo generator's own tests: reading rows back and a plain 10-gram check. */
import { readFileSync } from "node:fs";
import type { TAgentRow, TDemoTurn } from "./types";

export function readJsonl<T = TAgentRow>(filePath: string): T[] {
  return readFileSync(filePath, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);
}

/** Task index per FORMATS.md. */
export const TASK_TURN_INDEX: Record<string, number> = { os: 6, db: 2, alfworld: 2, webshop: 2, kg: 18, mind2web: 0 };

/** Whether one assistant step matches its task's grammar (FORMATS.md, "How each task writes an assistant step"). */
export const STEP_GRAMMAR: Record<string, RegExp> = {
  os: /^Think: [^\n]+\n\nAct: (bash\n\n```bash\n[\s\S]+\n```|answer\([^\n]*\)|finish)$/,
  db: /^[^\n]+\nAction: (Operation\n```sql\n[^\n]+\n```|Answer\nFinal Answer: \[.*\])$/,
  alfworld: /^(THOUGHT: [^\n]+\n )?ACTION: [^\n]+$/,
  webshop: /^Thought:\n[^\n]+\n\nAction:\n(search|click)\[[^\]\n]+\]$/,
  kg: /^Thought: [^\n]+\n(Action: (get_relations|get_neighbors|intersection|get_attributes|argmax|argmin|count)\([^\n]*\)|Final Answer: #\d+)$/,
  mind2web: /^Thought: [^\n]+\nAnswer: [A-F]\.\nAction: (CLICK|TYPE|SELECT)(\nValue: [^\n]+)?$/,
};

export function trainedSteps(row: TAgentRow): TDemoTurn[] {
  return row.conversations.filter((t) => t.from === "gpt" && t.loss === true);
}

const CONTROL = /\u001b\][^\u0007]*\u0007|\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u0008\u000b-\u001f]/g;

export function tokens(text: string): string[] {
  return (text.replace(CONTROL, " ").toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []);
}

export function nGrams(text: string, n = 10): string[] {
  const t = tokens(text);
  const out: string[] = [];
  for (let i = 0; i + n <= t.length; i++) out.push(t.slice(i, i + n).join(" "));
  return out;
}

/** Share of the question's tokens inside some 10-gram that also occurs in the training set. */
export function contaminationRate(question: string, training: ReadonlySet<string>, n = 10): number {
  const t = tokens(question);
  if (t.length === 0) return 0;
  const covered = new Array<boolean>(t.length).fill(false);
  for (let i = 0; i + n <= t.length; i++) {
    if (training.has(t.slice(i, i + n).join(" "))) for (let j = i; j < i + n; j++) covered[j] = true;
  }
  return covered.filter(Boolean).length / t.length;
}
