/**
 * Editing the thought of one assistant step while its action stays byte for
 * byte: replacing it with a reviewed revision, or removing it for the
 * without-CoT variant. Thoughts were parsed from control-sequence-stripped
 * text (lib/steps/parse.ts), so every edit is checked by parsing the result
 * again with the task's grammar.
 */
import { parseAssistantStep } from "@/lib/steps";
import { stepSyntaxFor } from "./step-syntax";

function sameAction(task: string | null, a: string, b: string): boolean {
  const x = parseAssistantStep(task, a);
  const y = parseAssistantStep(task, b);
  return x.action === y.action && x.actionKind === y.actionKind;
}

/**
 * The step with `thought` in place of `oldThought` (the thought parsed at
 * import, null when the step had none). The old thought is replaced where it
 * stands; a step without one gets the new thought inserted in the task's
 * syntax. When the old thought cannot be found in the raw text (terminal
 * bytes inside it, or a stale parse) or the result would not parse back to
 * the same action, the step is rebuilt as thought + action part. A blank
 * `thought` removes the thought (see stepWithoutThought).
 */
export function stepWithThought(task: string | null, rawText: string, oldThought: string | null, thought: string): string {
  const syntax = stepSyntaxFor(task);
  const wanted = thought.trim();
  // A reviewer who cleared the thought asked for the step without one.
  if (wanted === "") return stepWithoutThought(task, rawText) ?? rawText;
  const checks = (text: string) =>
    parseAssistantStep(task, text).thought === wanted && sameAction(task, text, rawText);

  if (oldThought !== null && oldThought !== "") {
    const end = syntax.actionStart(rawText) ?? rawText.length;
    let at = rawText.slice(0, end).indexOf(oldThought);
    if (at === -1) at = rawText.indexOf(oldThought);
    if (at !== -1) {
      const replaced = rawText.slice(0, at) + wanted + rawText.slice(at + oldThought.length);
      if (checks(replaced)) return replaced;
    }
  }
  const actionPart = syntax.withoutThought(rawText) ?? (oldThought === null ? rawText : "");
  return syntax.compose(wanted, actionPart);
}

/**
 * The step without its thought: the action part exactly as written (os
 * `Act: bash` + block, alfworld `ACTION: ...`, db `Action: Operation` + sql
 * ...). Unchanged when the step has no thought; null when the step is
 * nothing but a thought (an ALFWorld `think:` move, or a format error with
 * no action label), which has no without-CoT form.
 */
export function stepWithoutThought(task: string | null, rawText: string): string | null {
  if (parseAssistantStep(task, rawText).thought === null) return rawText;
  return stepSyntaxFor(task).withoutThought(rawText);
}
