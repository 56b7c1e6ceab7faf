/**
 * Task names implied by ids and file names. Task names are open-ended strings;
 * the known list only serves detection and file-name guessing.
 */
import path from "node:path";

/** AgentTuning's six held-in tasks plus follow-up tasks whose ids carry them. */
export const KNOWN_TASKS = [
  "os",
  "db",
  "alfworld",
  "webshop",
  "kg",
  "mind2web",
  "hotpotqa",
  "sciworld",
  "babyai",
  "textcraft",
  "maze",
  "wordle",
  "webarena",
] as const;

/** `os_12` → `os`, `mind2web_8` → `mind2web`: the part before the last
 *  `_<digits>`, when it looks like a task name (lowercase word). A longer
 *  prefix that starts with a known task keeps only that task
 *  (`webshop_train_5` → `webshop`). */
export function taskFromId(id: string | null): string | null {
  const prefix = id?.match(/^([a-z][a-z0-9_-]*?)_\d+$/)?.[1];
  if (!prefix) return null;
  const first = prefix.split(/[_-]/)[0]!;
  return first !== prefix && (KNOWN_TASKS as readonly string[]).includes(first) ? first : prefix;
}

/** True when an id carries one of the known task prefixes (used to tell
 *  AgentInstruct-style data from ShareGPT, whose ids are random hashes). */
export function hasKnownTaskId(id: string | null): boolean {
  const task = taskFromId(id);
  return task !== null && (KNOWN_TASKS as readonly string[]).includes(task);
}

/** Spellings seen in file and folder names (AgentBench writes e.g. `dbbench-std/runs.jsonl`). */
const FILE_NAME_TASKS: Record<string, string> = {
  os: "os",
  db: "db",
  dbbench: "db",
  alfworld: "alfworld",
  webshop: "webshop",
  kg: "kg",
  knowledgegraph: "kg",
  mind2web: "mind2web",
  m2w: "mind2web",
  // FireAct's releases name their task: `..._hotpotqa.jsonl`, `strategyqa_...`
  hotpotqa: "hotpotqa",
  hotpot: "hotpotqa",
  strategyqa: "strategyqa",
  bamboogle: "bamboogle",
};

/** The task named by a file (or its folder, for AgentBench's
 *  `<task>-std/runs.jsonl`), e.g. `os-runs.jsonl` → `os`; null when none or
 *  when several different tasks are named. */
export function taskFromFileName(filePath: string): string | null {
  const base = path.basename(filePath);
  const parent = path.basename(path.dirname(filePath));
  for (const name of [base, parent]) {
    const words = name.toLowerCase().split(/[^a-z0-9]+/);
    const found = new Set(words.flatMap((w) => (Object.hasOwn(FILE_NAME_TASKS, w) ? [FILE_NAME_TASKS[w] as string] : [])));
    if (found.size === 1) return [...found][0] ?? null;
    if (found.size > 1) return null;
  }
  return null;
}
