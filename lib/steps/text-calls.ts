/**
 * Calls written as text, recognised per record: a record's syntax is the one its
 * reader marked (SWE-agent) or the first whose tags an assistant turn carries;
 * every assistant turn without structured calls is then read in that syntax only
 * (a Hermes record that quotes `<function=` is not read as OpenHands). In such a
 * record a turn without calls is its final answer. The turn right after a turn
 * with calls is their result: it gets their ids when the file gave none.
 */
import { answerText, detectTextSyntax, readToolText, type TTextSyntax, type TToolText } from "./tool-text";
import type { TRawTurn, TStepParse, TToolCall } from "./types";

export type TTextCallRecord = {
  syntax: TTextSyntax | null;
  /** Assistant turn index → what its text holds (calls, or an answer when `calls` is empty). */
  steps: Map<number, TToolText>;
  /** Result turn index → the ids of the calls it answers. */
  resultIds: Map<number, string[]>;
};

const hasStructuredCalls = (turn: TRawTurn) => (turn.toolCalls?.length ?? 0) > 0;

export function recordSyntax(turns: readonly TRawTurn[]): TTextSyntax | null {
  for (const turn of turns) {
    if (turn.role !== "assistant" || hasStructuredCalls(turn)) continue;
    const syntax = turn.textCalls && turn.textCalls !== "native" ? turn.textCalls : detectTextSyntax(turn.text);
    if (syntax !== null) return syntax;
  }
  return null;
}

export function readTextCalls(turns: readonly TRawTurn[]): TTextCallRecord {
  const syntax = recordSyntax(turns);
  const steps = new Map<number, TToolText>();
  const resultIds = new Map<number, string[]>();
  if (syntax === null) return { syntax, steps, resultIds };
  turns.forEach((turn, index) => {
    if (turn.role !== "assistant" || hasStructuredCalls(turn)) return;
    const read = readToolText(turn.text, syntax, index) ?? answerText(turn.text, syntax);
    // reasoning the file keeps beside the text (`reasoning_content`) is the thought, before one read from the text
    const found = turn.reasoning ? { ...read, thought: turn.reasoning } : read;
    steps.set(index, found);
    const next = turns[index + 1];
    if (found.calls.length > 0 && next?.role === "user" && (next.toolCallIds?.length ?? 0) === 0) {
      resultIds.set(index + 1, found.calls.map((call) => call.id));
    }
  });
  return { syntax, steps, resultIds };
}

/** The step a turn's text calls make: the thought, the visible content as the action
 *  ("tool_call" with calls, "answer" without); a marked SWE-agent turn without its
 *  command block is a format error, as SWE-agent itself rejects such output. */
export function textCallStep(found: TToolText): TStepParse {
  const hasCalls = found.calls.length > 0;
  const formatError = !hasCalls && found.syntax === "sweagent" ? "sweagent step has no fenced command block" : null;
  return { thought: found.thought, action: found.content, actionKind: hasCalls ? "tool_call" : "answer", formatError };
}

/** What loop detection compares for a turn with calls: the calls themselves, not the prose around them. */
export function callsKey(calls: readonly TToolCall[]): string {
  return calls.map((call) => `${call.name}(${call.arguments})`).join("\n");
}
