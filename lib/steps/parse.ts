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
 *
 * Tool calling: a tool result (raw turn with toolCallIds) is always an observation. An assistant
 * turn with calls (structured in the file, or recognised in its text by tool-text.ts) is a
 * "tool_call" step: its reasoning is the thought, its visible content the action. In a
 * tool-calling trajectory (tools declared, any call or result, a record written in a text-call
 * syntax, or reasoning stored beside the content) an assistant turn without calls is the
 * "answer" step. Task grammars are not applied to tool-calling trajectories; their checks
 * are tool-checks.ts. Calls written as text are read per record by text-calls.ts, which also
 * links the turn after them as their result (text calls have no ids to link by).
 */
import { conciseInstruction } from "./instruction";
import { stripControlSequences } from "./control";
import { findLoops, type TLoopStep } from "./loops";
import { findTaskTurn } from "./task-turn";
import { grammarFor } from "./tasks";
import { callsKey, readTextCalls, textCallStep } from "./text-calls";
import { countWordTokens } from "./tokens";
import { checkToolCalls } from "./tool-checks";
import type { TToolSet } from "./tool-set";
import type { TToolText } from "./tool-text";
import type { TParsedTrajectory, TParsedTurn, TRawTurn, TStepParse, TTurnRole } from "./types";

/** Parses one assistant step of a task (e.g. after a reviewer rewrote it). */
export function parseAssistantStep(task: string | null, text: string): TStepParse {
  return grammarFor(task).parseStep(stripControlSequences(text));
}

/** `task` is an open-ended task name (null or unknown → generic split); `toolSet` the declared tools, if any. */
export function parseTrajectory(task: string | null, turns: readonly TRawTurn[], toolSet: TToolSet | null = null): TParsedTrajectory {
  const grammar = grammarFor(task);
  const taskTurnIndex = findTaskTurn(grammar, turns);
  const texts = turns.map((raw) => stripControlSequences(raw.text));
  const textCalls = readTextCalls(turns);
  // reasoning beside the content also skips the grammar: the reasoning is the thought, not a "Thought:" line
  const toolCalling =
    (toolSet !== null && toolSet.tools.length > 0) ||
    textCalls.syntax !== null ||
    turns.some((raw) => (raw.toolCalls?.length ?? 0) > 0 || raw.toolCallIds !== undefined || (raw.reasoning ?? null) !== null);
  const parsed: TParsedTurn[] = [];
  const steps: TLoopStep[] = [];
  let tokenCount = 0;
  let stepCount = 0;
  let instruction = "";

  for (let index = 0; index < turns.length; index++) {
    const raw = turns[index] as TRawTurn;
    const text = texts[index] as string;
    tokenCount += countWordTokens(text);
    const isPrefix = taskTurnIndex !== null && index < taskTurnIndex;
    const isTaskTurn = index === taskTurnIndex;
    let role: TTurnRole = raw.role;
    const resultOf = raw.toolCallIds?.length ? raw.toolCallIds : (textCalls.resultIds.get(index) ?? raw.toolCallIds);
    if (raw.role === "user" && ((!isPrefix && !isTaskTurn) || resultOf !== undefined)) role = "observation";
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
      toolCallIds: resultOf ?? [],
      callSyntax: null,
    };
    if (raw.role === "assistant") {
      const s = toolCalling ? toolStep(raw, textCalls.steps.get(index) ?? null, turn) : grammar.parseStep(text);
      turn.thought = s.thought;
      turn.action = s.action;
      turn.actionKind = s.actionKind;
      if (!isPrefix) {
        turn.formatError = s.formatError;
        stepCount++;
        steps.push({ index, action: loopAction(turn), actionKind: s.actionKind, text });
      }
    }
    parsed.push(turn);
  }

  if (toolCalling) {
    for (const [index, reasons] of checkToolCalls(parsed, turns, toolSet)) {
      const turn = parsed[index] as TParsedTurn;
      turn.formatError = [turn.formatError, ...reasons].filter((reason) => reason !== null).join("; ");
    }
  }
  const loopTurns = findLoops(steps);
  for (const i of loopTurns) (parsed[i] as TParsedTurn).inLoop = true;

  return {
    turns: parsed,
    instruction,
    taskTurnIndex,
    stepCount,
    formatErrorCount: parsed.filter((turn) => turn.formatError !== null).length,
    loopStartTurn: loopTurns[0] ?? null,
    tokenCount,
  };
}

/** An assistant turn of a tool-calling trajectory; fills the turn's calls and call syntax. */
function toolStep(raw: TRawTurn, written: TToolText | null, turn: TParsedTurn): TStepParse {
  const visible = raw.text === "" ? null : raw.text;
  if (raw.toolCalls?.length) {
    turn.toolCalls = raw.toolCalls;
    turn.callSyntax = "native";
    return { thought: raw.reasoning ?? null, action: visible, actionKind: "tool_call", formatError: null };
  }
  if (written !== null) {
    // a turn of a text-call record without calls is its answer (or, for SWE-agent, a step missing its command)
    if (written.calls.length > 0) {
      turn.toolCalls = written.calls;
      turn.callSyntax = written.syntax;
    }
    return textCallStep(written);
  }
  return { thought: raw.reasoning ?? null, action: visible, actionKind: "answer", formatError: null };
}

/** What the loop rule compares: the calls (name and arguments, not the ids, which differ every time), else the action. */
function loopAction(turn: TParsedTurn): string | null {
  return turn.toolCalls.length === 0 ? turn.action : callsKey(turn.toolCalls);
}
