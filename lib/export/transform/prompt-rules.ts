/**
 * Without-CoT prompts (docs/method.md §4): the instruction prompt must stop asking
 * for a thought, or the context contradicts the thought-free steps. Rules are
 * written against the typical wording of the AgentBench / AgentInstruct task
 * prompts and of ReAct-style prompts: a request to think first, a thought
 * field in the reply format, worked examples with thoughts inline. The six
 * held-in tasks get their own rule lists (tested on their prompt shapes);
 * any other task gets the generic rules only, and the export says so.
 */
import { canonicalTask } from "@/lib/steps";
import { dropLabelLines, dropLines, dropSentences, removeClause, replaceAll, type TTextRule } from "./text-edits";

// ---------------------------------------------------------------- generic rules

/** Reply-format and worked-example lines that open with a thought label (`Think:`, `Thought 1:`, `THOUGHT:`, `> think:`). */
const thoughtLabelLines = dropLabelLines(/^[ \t]*(?:>[ \t]*)?(?:thought|think|reasoning|rationale)(?:[ \t]*\d+)?[ \t]*:/i);

/** "first think about what to do, then take ..." / "think first, then take ..." → "take ...". */
const thinkFirstThen = removeClause(
  /\b(?:first,?\s+(?:think|reason)\b[^,.;:\n]*?|(?:think|reason)\s+first),?\s*(?:and\s+)?then\s+/gi,
);

/** "Think before you act, and answer ..." → "Answer ...". */
const thinkBeforeActing = removeClause(
  /\b(?:think|reason)\s+(?:carefully\s+)?before\s+(?:you\s+)?(?:act|acting|answer|answering|respond|responding|reply|replying)\b(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*\.\s*)/gi,
);

/** 'first write your reasoning as "Thought: ...", then exactly one call' → 'write exactly one call'. */
const writeReasoningThen = replaceAll(
  /\bfirst\s+(write|give|state|output|provide)\s+(?:down\s+)?your\s+(?:reasoning|thoughts?|thinking|rationale)\b[^,;\n]*?,\s*(?:and\s+)?then\s+/gi,
  "$1 ",
);

/** 'always start with "Think:", take ...' → 'take ...'. */
const startWithThoughtLabel = removeClause(
  /\b(?:always\s+)?(?:start|begin)\s+(?:(?:each|every|your)\s+\w+\s+)?with\s+["'`]?(?:think|thought)\b:?["'`]?(?:\s*[,;]\s*(?:and\s+)?|\s+and\s+|\s*\.\s*)?/gi,
);

/** "write `Thought:` then `Action:`" → "write `Action:`"; "interleaving Thought, Action, Observation" → "interleaving Action, Observation". */
const thoughtBeforeAction = replaceAll(
  /["'`]?\bThoughts?\b(?:\s*\d+)?:?["'`]?(?:\s*,\s*|\s+(?:and\s+then|then|followed\s+by|and)\s+)(?=["'`]?Actions?\b)/g,
  "",
);

/** "Thought can reason about the situation, and Action can be ..." → "Action can be ...". */
const thoughtCanAndAction = removeClause(/\bThoughts?\s+(?:can|should|may|will|is used to)\b[^.;\n]*?,\s*(?:and|while)\s+(?=Actions?\b)/g);

/** "You have to explain the problem ... and write down your thoughts." / "Explain your reasoning first." */
const explainYourReasoning = dropSentences(
  /\b(?:explain|write down|write out|describe|state|show|give|provide)\b[^.!?\n]*\byour\s+(?:thoughts|thought process|reasoning|rationale|thinking|chain of thought)\b/i,
);

/** "After thinking and explaining thoroughly, every round ..." → "Every round ...". */
const afterThinking = removeClause(/\bAfter\s+(?:thinking|explaining|reasoning)\b[^,\n]*,\s*/gi);

/** "Let's think step by step." */
const stepByStep = dropSentences(/\b(?:think|reason)(?:ing)?\s+(?:it\s+through\s+)?step[- ]by[- ]step\b/i);

/** Rules for the wording any agent prompt may use (ReAct and its descendants). */
const GENERIC: readonly TTextRule[] = [
  thinkFirstThen,
  thinkBeforeActing,
  writeReasoningThen,
  startWithThoughtLabel,
  thoughtCanAndAction,
  thoughtBeforeAction,
  explainYourReasoning,
  afterThinking,
  stepByStep,
  thoughtLabelLines,
];

// ---------------------------------------------------------------- alfworld

/** `THOUGHT: ...` then (a newline, real or written as \n) ` ACTION: ...` → `ACTION: ...`, in the format and in inline examples. */
const alfworldThoughtBeforeAction = replaceAll(/THOUGHT:[^\n]*?(?:\\n|\n)[ \t]*(?=ACTION:)|THOUGHT:[^\n]*?[ \t]+(?=ACTION:)/g, "");

/** The two formats collapse into one: '"ACTION: x" or "ACTION: x"' → '"ACTION: x"'. */
const alfworldSameFormatTwice = replaceAll(/("ACTION:[^"\n]*")\s*(?:\n\s*)?or\s*(?:\n\s*)?\1/g, "$1");

/** 'If you choose "THOUGHT", ... format:"..."; ' up to the ACTION alternative. */
const alfworldThoughtAlternative = removeClause(
  /\b(?:if you choose|with|for)\s+["']?THOUGHT["']?\s*,[\s\S]{0,600}?(?=\b(?:if you choose|with|for)\s+["']?ACTION\b)/gi,
);

/** 'If you choose "ACTION", you should ...' → 'You should ...'. */
const alfworldActionAlternative = removeClause(/\b(?:if you choose|with|for)\s+["']?ACTION["']?\s*,\s*/gi);

/** 'You should choose from two actions: "THOUGHT" or "ACTION".' */
const alfworldChooseThoughtOrAction = dropSentences(/["']?THOUGHT["']?\s+or\s+["']?ACTION\b|\bchoose\s+(?:from|between)\s+(?:the\s+)?two\s+actions\b/i);

/** "you may either think and then act, or act directly" → "you act directly". */
const alfworldEitherThinkOrAct = replaceAll(/\b(you\s+(?:may|can))\s+either\s+think(?:\s+and\s+then\s+act|\s+first)?,?\s+or\s+act\s+directly/gi, "you act directly");

/** Reminder lines such as "2. Think when necessary, ..." */
const alfworldThinkReminder = dropLines(/^\s*\d+[.)]\s*Think\b/i);

// ---------------------------------------------------------------- per task

/** The rules written for each task's prompt wording; the generic ones run after them as a safety net. */
const TASK_RULES: Record<string, readonly TTextRule[]> = {
  os: [thinkFirstThen, startWithThoughtLabel, thoughtLabelLines],
  db: [explainYourReasoning, afterThinking],
  alfworld: [
    alfworldThoughtBeforeAction,
    alfworldSameFormatTwice,
    alfworldThoughtAlternative,
    alfworldActionAlternative,
    alfworldChooseThoughtOrAction,
    alfworldEitherThinkOrAct,
    alfworldThinkReminder,
    thoughtLabelLines,
  ],
  webshop: [thinkBeforeActing, thoughtLabelLines],
  kg: [writeReasoningThen, thoughtBeforeAction, thoughtLabelLines],
  mind2web: [writeReasoningThen, explainYourReasoning, thoughtLabelLines],
};

const RULES = new Map<string, readonly TTextRule[]>(
  Object.entries(TASK_RULES).map(([task, rules]) => [task, [...new Set([...rules, ...GENERIC])]]),
);

/** Tasks whose prompts have their own without-CoT rules. */
export const TASKS_WITH_COT_RULES: readonly string[] = Object.keys(TASK_RULES);

/** True when `task` has no rules of its own and gets the generic ones only. */
export function usesGenericCotRule(task: string | null): boolean {
  const name = canonicalTask(task);
  return name === null || !RULES.has(name);
}

/** Every row of a task repeats the same prompt: the last few results are kept. */
const recent = new Map<string, string>();
const RECENT_MAX = 64;

/** A prompt turn's text with its requests for thoughts removed. */
export function promptWithoutCot(task: string | null, text: string): string {
  const name = canonicalTask(task);
  const key = `${name ?? ""}\u0000${text}`;
  const cached = recent.get(key);
  if (cached !== undefined) return cached;
  const rules = (name !== null ? RULES.get(name) : undefined) ?? GENERIC;
  const result = rules.reduce((t, rule) => rule(t), text);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, result);
  return result;
}
