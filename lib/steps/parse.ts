/**
 * parseTrajectory: roles, prefix, task turn, thought/action per assistant
 * step, format errors, loops and token count for one trajectory.
 *
 * Roles: system stays system, assistant stays assistant; a user turn after the
 * task turn is an observation, the task turn and the prefix's user turns stay
 * user. Without a task turn (empty list, or the conversation opens with the
 * assistant) every user turn is an observation and nothing is prefix.
 * Prefix assistant turns (acknowledgements, worked-example answers) are parsed
 * for thought/action but never get a format error and are not steps.
 * Observations are not parsed beyond their role.
 */
import { conciseInstruction } from "./instruction";
import { stripControlSequences } from "./control";
import { findLoops, type TLoopStep } from "./loops";
import { findTaskTurn } from "./task-turn";
import { grammarFor } from "./tasks";
import { callsKey, readTextCalls, textCallStep } from "./text-calls";
import { countWordTokens } from "./tokens";
import type { TParsedTrajectory, TParsedTurn, TRawTurn, TStepParse, TTurnRole } from "./types";

/** Parses one assistant step of a task (e.g. after a reviewer rewrote it). */
export function parseAssistantStep(task: string | null, text: string): TStepParse {
  return grammarFor(task).parseStep(stripControlSequences(text));
}

/** `task` is an open-ended task name (null or unknown → generic split). */
export function parseTrajectory(task: string | null, turns: readonly TRawTurn[]): TParsedTrajectory {
  const grammar = grammarFor(task);
  const taskTurnIndex = findTaskTurn(grammar, turns);
  const parsed: TParsedTurn[] = [];
  const steps: TLoopStep[] = [];
  let tokenCount = 0;
  let stepCount = 0;
  let formatErrorCount = 0;
  let instruction = "";
  // calls written as text (Hermes, OpenHands, SWE-agent): see text-calls.ts
  const textCalls = readTextCalls(turns);

  for (let index = 0; index < turns.length; index++) {
    const raw = turns[index] as TRawTurn;
    const text = stripControlSequences(raw.text);
    tokenCount += countWordTokens(text);
    const isPrefix = taskTurnIndex !== null && index < taskTurnIndex;
    const isTaskTurn = index === taskTurnIndex;
    let role: TTurnRole = raw.role;
    if (raw.role === "user" && !isPrefix && !isTaskTurn) role = "observation";
    if (isTaskTurn) instruction = conciseInstruction(text);

    const turn: TParsedTurn = {
      index,
      role,
      rawText: raw.text,
      loss: raw.loss,
      isPrefix,
      isTaskTurn,
      thought: null,
      action: null,
      actionKind: null,
      formatError: null,
      inLoop: false,
      toolCalls: [],
      toolCallIds: [],
      callSyntax: null,
    };
    const written = textCalls.steps.get(index);
    if (written && written.calls.length > 0) {
      turn.toolCalls = written.calls;
      turn.callSyntax = written.syntax;
    }
    const resultOf = textCalls.resultIds.get(index);
    if (resultOf) turn.toolCallIds = resultOf;
    if (raw.role === "assistant") {
      const s = written ? textCallStep(written) : grammar.parseStep(text);
      turn.thought = s.thought;
      turn.action = s.action;
      turn.actionKind = s.actionKind;
      if (!isPrefix) {
        turn.formatError = s.formatError;
        stepCount++;
        if (s.formatError !== null) formatErrorCount++;
        const loopAction = turn.toolCalls.length > 0 ? callsKey(turn.toolCalls) : s.action;
        steps.push({ index, action: loopAction, actionKind: s.actionKind, text });
      }
    }
    parsed.push(turn);
  }

  const loopTurns = findLoops(steps);
  for (const i of loopTurns) (parsed[i] as TParsedTurn).inLoop = true;

  return {
    turns: parsed,
    instruction,
    taskTurnIndex,
    stepCount,
    formatErrorCount,
    loopStartTurn: loopTurns[0] ?? null,
    tokenCount,
  };
}
