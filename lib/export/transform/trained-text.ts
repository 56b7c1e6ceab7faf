/**
 * What a trainer learns from one turn, read from the stored columns. One rule
 * for two readers: the export writes these parts (tool-turns.ts) and the
 * contamination check compares them (lib/contamination/training.ts), so a
 * test item leaked into a call's arguments or into reasoning kept beside the
 * content is found as surely as one in a ReAct step's text.
 *
 * - ReAct steps and calls written as text (Hermes, OpenHands, SWE-agent): the
 *   thought, the content and the calls all sit inside `rawText`.
 * - Native tool calling (calls stored as structure, call_syntax "native"):
 *   `rawText` is the visible content only; the reasoning is the `thought`
 *   column and the calls are `toolCalls`, each with its arguments string.
 *   Every assistant turn of such a trajectory (the final answer too) keeps
 *   its reasoning beside the content.
 */
import type { TToolCall } from "@/lib/steps/types";
import type { TSourceTurn } from "../record";

type TPartsTurn = Pick<TSourceTurn, "role" | "rawText" | "thought" | "toolCalls" | "callSyntax">;

/**
 * A trajectory whose calls are stored as structure (OpenAI, Anthropic, LLaMA-Factory function_call), or that
 * declares tools and calls none (a function-calling row answered directly): its reasoning is a field of the file.
 * nativeTrajectorySql is the same rule in SQL.
 */
export function isNativeTrajectory(turns: readonly Pick<TSourceTurn, "callSyntax">[], hasTools: boolean): boolean {
  return turns.some((turn) => turn.callSyntax === "native") || (hasTools && turns.every((turn) => turn.callSyntax === null));
}

/**
 * isNativeTrajectory for the trajectory of the turn `alias` (whose own syntax is null), as SQL. The partial index
 * turns_call_syntax_idx holds only tool-calling turns, so ReAct data costs an empty index probe and a primary-key read.
 */
export function nativeTrajectorySql(alias: string): string {
  return `(exists (select 1 from turns n where n.trajectory_id = ${alias}.trajectory_id and n.call_syntax = 'native')
    or (exists (select 1 from trajectories x where x.id = ${alias}.trajectory_id and x.tool_set_id is not null)
        and not exists (select 1 from turns n where n.trajectory_id = ${alias}.trajectory_id and n.call_syntax is not null)))`;
}

/** Whether this turn's reasoning is stored beside its text (the `thought` column) rather than inside `rawText`. */
export function reasoningBeside(turn: Pick<TSourceTurn, "role" | "callSyntax">, nativeTrajectory: boolean): boolean {
  return turn.role === "assistant" && (turn.callSyntax === "native" || (nativeTrajectory && turn.callSyntax === null));
}

/** Qwen / DeepSeek rows may also open the content with the reasoning as `<think>…</think>`: it is written once. */
const THINK_PREFIX = /^\s*<think>([\s\S]*?)<\/think>\s*/;

/** The visible content of a turn whose reasoning is kept beside it. */
export function contentBeside(turn: Pick<TSourceTurn, "rawText" | "thought">): string {
  const m = THINK_PREFIX.exec(turn.rawText);
  if (m && turn.thought !== null && m[1]!.trim() === turn.thought.trim()) return turn.rawText.slice(m[0].length);
  return turn.rawText;
}

export type TAssistantParts = { reasoning: string | null; content: string; calls: TToolCall[] };

/**
 * The parts of a native tool-calling assistant turn, with `reasoning` as the chosen thought variant (null: none).
 * A thought that the content itself holds (parsed out of it, not kept beside it) is not written a second time.
 */
export function nativeParts(turn: TPartsTurn, reasoning: string | null): TAssistantParts {
  const content = contentBeside(turn);
  const inside = turn.thought !== null && turn.thought.trim() !== "" && content.includes(turn.thought);
  return { reasoning: inside || reasoning === null || reasoning.trim() === "" ? null : reasoning, content, calls: turn.toolCalls ?? [] };
}

/**
 * The texts of one trained turn, each compared on its own: `rawText`, or for a turn with reasoning beside it
 * the reasoning (as imported), the content and every call's arguments (empty parts left out).
 */
export function trainedTexts(turn: TPartsTurn, nativeTrajectory: boolean): string[] {
  if (!reasoningBeside(turn, nativeTrajectory)) return [turn.rawText];
  const parts = nativeParts(turn, turn.thought);
  return [parts.reasoning ?? "", parts.content, ...parts.calls.map((call) => call.arguments)].filter((text) => text !== "");
}
