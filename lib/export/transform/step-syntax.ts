/**
 * How each task lays out an assistant step around its thought (FORMATS.md,
 * "How each task writes an assistant step"), for editing steps without
 * touching their action: where the action part starts, and how a thought is
 * written in front of an action part. Labels are found the way the task
 * grammars in lib/steps/grammars find them (lines inside ``` fences skipped).
 */
import { canonicalTask } from "@/lib/steps";
import { matchLines } from "@/lib/steps/text";

export type TStepSyntax = {
  /** Offset of the action part (its first label) in a step text, or null when the step has none. */
  actionStart(text: string): number | null;
  /** A step written as `thought` then `actionPart` ("" when there is none), in the task's own layout. */
  compose(thought: string, actionPart: string): string;
  /** The step with its thought part removed, the rest byte for byte; null when nothing but thought is left. */
  withoutThought(text: string): string | null;
};

/** Offset of the first line matching `label` (outside code fences), or null. */
function firstLabelLine(text: string, label: RegExp): number | null {
  const lines = text.split("\n");
  const found = matchLines(lines, label)[0];
  if (!found) return null;
  let offset = 0;
  for (let i = 0; i < found.index; i++) offset += (lines[i] as string).length + 1;
  return offset;
}

/** The default: the thought is everything before the action part. */
function sliceFromAction(actionStart: (text: string) => number | null) {
  return (text: string): string | null => {
    const at = actionStart(text);
    return at === null ? null : text.slice(at);
  };
}

function lineSyntax(label: RegExp, compose: (thought: string, actionPart: string) => string): TStepSyntax {
  const actionStart = (text: string) => firstLabelLine(text, label);
  return { actionStart, compose, withoutThought: sliceFromAction(actionStart) };
}

/** `label: thought` on its own line(s), then the action part on the next line. */
const labelled = (label: string) => (thought: string, actionPart: string) =>
  actionPart === "" ? `${label} ${thought}` : `${label} ${thought}\n${actionPart}`;

const os = lineSyntax(/^\s*Act:/, (thought, actionPart) =>
  actionPart === "" ? `Think: ${thought}` : `Think: ${thought}\n\n${actionPart}`,
);

/** db thoughts carry no label: plain text, then `Action:` on the next line. */
const db = lineSyntax(/^\s*Action:/, (thought, actionPart) => (actionPart === "" ? thought : `${thought}\n${actionPart}`));

/** `ACTION:` after whitespace (the ` ACTION:` that follows a thought), else an AgentGym-style `Action:` line. */
function alfworldActionStart(text: string): number | null {
  const upper = /(^|\s)ACTION:/.exec(text);
  if (upper) return upper.index + (upper[1] as string).length;
  return firstLabelLine(text, /^[ \t]*action:/i);
}

const alfworld: TStepSyntax = {
  actionStart: alfworldActionStart,
  compose: (thought, actionPart) => (actionPart === "" ? `THOUGHT: ${thought}` : `THOUGHT: ${thought}\n ${actionPart}`),
  withoutThought: sliceFromAction(alfworldActionStart),
};

const webshop = lineSyntax(/^\s*Action:/i, (thought, actionPart) =>
  actionPart === "" ? `Thought:\n${thought}` : `Thought:\n${thought}\n\n${actionPart}`,
);

const kg = lineSyntax(/^\s*(?:Action|Final Answer):/, labelled("Thought:"));

/** mind2web labels may come in any order: the thought is the `Thought:` section, up to the next label. */
const MIND2WEB_LABEL = /^\s*(?:Answer|Action|Value):/;
const mind2web: TStepSyntax = {
  actionStart: (text) => firstLabelLine(text, MIND2WEB_LABEL),
  compose: labelled("Thought:"),
  withoutThought(text) {
    const lines = text.split("\n");
    const from = lines.findIndex((line) => /^\s*Thought:/.test(line));
    const hasLabel = lines.some((line) => MIND2WEB_LABEL.test(line));
    if (from === -1) return hasLabel ? text : null;
    let to = from + 1;
    while (to < lines.length && !MIND2WEB_LABEL.test(lines[to] as string)) to++;
    const rest = [...lines.slice(0, from), ...lines.slice(to)];
    return rest.some((line) => MIND2WEB_LABEL.test(line)) ? rest.join("\n") : null;
  },
};

const hotpotqa = lineSyntax(/^\s*Action(?:\s*\d+)?\s*:/i, labelled("Thought:"));

const generic = lineSyntax(/^\s*(?:action|act)(?:\s*\d+)?\s*:/i, labelled("Thought:"));

const BY_TASK: Record<string, TStepSyntax> = { os, db, alfworld, webshop, kg, mind2web, hotpotqa };

/** The step layout of a task string (aliases as in lib/steps/tasks.ts); unknown tasks get the generic Thought/Action layout. */
export function stepSyntaxFor(task: string | null): TStepSyntax {
  const name = canonicalTask(task);
  return (name !== null ? BY_TASK[name] : undefined) ?? generic;
}
