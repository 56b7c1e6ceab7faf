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
};

/** Other tasks written in a known task's step grammar (FireAct's ReAct runs):
 *  they share its grammar, but their format errors name them. */
const SAME_GRAMMAR: Record<string, string> = {
  "fireact": "hotpotqa",
  "strategyqa": "hotpotqa",
  "bamboogle": "hotpotqa",
};

const normalName = (task: string) => task.trim().toLowerCase().replace(/[-_](?:std|dev|test|train|val)$/, "");

/** The canonical known task (the grammar family) for a task string (`os`, `OS`,
 *  `os-std`, `dbbench-dev`, `m2w`, `strategyqa` ...), or null when it is not a known task. */
export function canonicalTask(task: string | null | undefined): string | null {
  if (!task) return null;
  const name = normalName(task);
  if (BY_NAME.has(name)) return name;
  return ALIASES[name] ?? SAME_GRAMMAR[name] ?? null;
}

const renamed = new Map<string, TTaskGrammar>();

/** The grammar for a task string; the generic split for unknown tasks. */
export function grammarFor(task: string | null | undefined): TTaskGrammar {
  const name = canonicalTask(task);
  const grammar = (name !== null ? BY_NAME.get(name) : undefined) ?? genericGrammar;
  const own = task ? normalName(task) : "";
  return Object.hasOwn(SAME_GRAMMAR, own) ? renamedGrammar(grammar, own) : grammar;
}

/** The grammar under another task's name: its messages start with that name. */
function renamedGrammar(grammar: TTaskGrammar, name: string): TTaskGrammar {
  let found = renamed.get(name);
  if (!found) {
    const prefix = `${grammar.name} `;
    const parseStep = (text: string) => {
      const parsed = grammar.parseStep(text);
      const error = parsed.formatError;
      return error?.startsWith(prefix) ? { ...parsed, formatError: `${name} ${error.slice(prefix.length)}` } : parsed;
    };
    found = { ...grammar, name, parseStep };
    renamed.set(name, found);
  }
  return found;
}

/** Canonical names of the tasks with a step grammar. */
export function knownTasks(): string[] {
  return GRAMMARS.map((g) => g.name);
}
