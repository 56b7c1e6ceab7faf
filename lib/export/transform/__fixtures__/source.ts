/** Test helpers: a stored trajectory (TSourceTrajectory) built from raw turns the way the importer parses them. */
import type { TRawTurn } from "@/lib/steps/types";
import { parseAssistantStep, parseTrajectory } from "@/lib/steps";
import type { TSourceTrajectory, TSourceTurn } from "../../record";

export const user = (text: string): TRawTurn => ({ role: "user", text, loss: null });
export const system = (text: string): TRawTurn => ({ role: "system", text, loss: null });
export const asst = (text: string, loss: boolean | null = true): TRawTurn => ({ role: "assistant", text, loss });

export function sourceFrom(
  task: string,
  raw: readonly TRawTurn[],
  extra: Partial<Omit<TSourceTrajectory, "turns">> = {},
): TSourceTrajectory {
  const parsed = parseTrajectory(task, raw);
  const turns: TSourceTurn[] = parsed.turns.map((t) => ({
    index: t.index,
    role: t.role,
    rawText: t.rawText,
    thought: t.thought,
    currentThought: null,
    thoughtVersion: 0,
    loss: t.loss,
    isPrefix: t.isPrefix,
    isTaskTurn: t.isTaskTurn,
    isCritical: false,
    toolCalls: t.toolCalls.length > 0 ? t.toolCalls : null,
    toolCallIds: t.toolCallIds,
    callSyntax: t.callSyntax,
  }));
  return {
    id: 1,
    externalId: `${task}_1`,
    datasetName: "fixtures",
    kind: "agent",
    task,
    sourceModel: "gpt-4",
    reward: 1,
    status: "accepted",
    instruction: parsed.instruction,
    turns,
    ...extra,
    tools: extra.tools ?? null,
  };
}

/** Wording that asks the model for a thought, in any of the prompt shapes the rules target. */
const ASKS_FOR_THOUGHTS: readonly RegExp[] = [
  /\b(?:thought|think|reasoning)(?:\s*\d+)?\s*:/i,
  /["'`]THOUGHT["'`]/,
  /\bfirst,?\s+(?:think|reason|write your reasoning|explain)/i,
  /\b(?:think|reason)\s+(?:first|before|step[- ]by[- ]step|when|and then act)/i,
  /\b(?:write down|explain|describe)\b[^.\n]*\byour\s+(?:thoughts|reasoning|plan)\b/i,
  /\bafter (?:thinking|explaining)\b/i,
  /\binterleaving thought/i,
];

export function asksForThoughts(text: string): RegExp | null {
  return ASKS_FOR_THOUGHTS.find((re) => re.test(text)) ?? null;
}

export function thoughtOf(task: string, text: string): string | null {
  return parseAssistantStep(task, text).thought;
}

export function actionOf(task: string, text: string): string | null {
  return parseAssistantStep(task, text).action;
}
