/**
 * Task names → step grammars. Task names are open-ended strings: known ones
 * (and common spellings from AgentBench configs, AgentGym, FireAct) map to a
 * grammar, anything else gets the generic Thought/Action split.
 */
import type { TTaskGrammar } from "./types";
import { alfworldGrammar } from "./grammars/alfworld";
import { dbGrammar } from "./grammars/db";
import { genericGrammar } from "./grammars/generic";
import { kgGrammar } from "./grammars/kg";
import { mind2webGrammar } from "./grammars/mind2web";
import { osGrammar } from "./grammars/os";
import { hotpotqaGrammar } from "./grammars/react";
import { webshopGrammar } from "./grammars/webshop";

const GRAMMARS: readonly TTaskGrammar[] = [
  osGrammar,
  dbGrammar,
  alfworldGrammar,
  webshopGrammar,
  kgGrammar,
  mind2webGrammar,
  hotpotqaGrammar,
];

const BY_NAME = new Map<string, TTaskGrammar>(GRAMMARS.map((g) => [g.name, g]));

/** Other spellings of the known tasks (after lower-casing and dropping a split suffix). */
const ALIASES: Record<string, string> = {
  "os_interaction": "os",
  "os-interaction": "os",
  "osinteraction": "os",
  "dbbench": "db",
  "db_bench": "db",
  "knowledgegraph": "kg",
  "knowledge_graph": "kg",
  "knowledge-graph": "kg",
  "m2w": "mind2web",
  "hotpot_qa": "hotpotqa",
  "hotpot": "hotpotqa",
  "fireact": "hotpotqa",
  "strategyqa": "hotpotqa",
  "bamboogle": "hotpotqa",
};

/** The canonical known task for a task string (`os`, `OS`, `os-std`,
 *  `dbbench-dev`, `m2w`, `fireact` ...), or null when it is not a known task. */
export function canonicalTask(task: string | null | undefined): string | null {
  if (!task) return null;
  const name = task.trim().toLowerCase().replace(/[-_](?:std|dev|test|train|val)$/, "");
  if (BY_NAME.has(name)) return name;
  return ALIASES[name] ?? null;
}

/** The grammar for a task string; the generic split for unknown tasks. */
export function grammarFor(task: string | null | undefined): TTaskGrammar {
  const name = canonicalTask(task);
  return (name !== null ? BY_NAME.get(name) : undefined) ?? genericGrammar;
}

/** Canonical names of the tasks with a step grammar. */
export function knownTasks(): string[] {
  return GRAMMARS.map((g) => g.name);
}
