/**
 * The exported turns of a tool-calling trajectory (issue 15): calls as
 * structured `toolCalls` with their results as `tool` turns, reasoning beside
 * the content (writers put it in its field or inline), and calls written as text
 * either kept as written (toolCalls "asImported") or turned into structured
 * calls (toolCalls "native"), so a text-syntax release can train a model's
 * native function calling. Arguments are never re-serialised: each call's
 * string is the one stored at import. Without CoT, reasoning goes from every
 * assistant turn and the calls stay.
 */
import type { TCallSyntax, TToolCall } from "@/lib/steps/types";
import type { TExportTurn, TLossMask, TSourceTrajectory, TSourceTurn, TThoughtVariant, TToolCallMode } from "../record";
import { exportLoss } from "./loss-mask";
import { promptWithoutCot } from "./prompt-rules";
import { isNativeTrajectory, nativeParts, reasoningBeside, type TAssistantParts } from "./trained-text";

export type TToolTurnOptions = { thoughts: TThoughtVariant; lossMask: TLossMask; toolCalls: TToolCallMode };

type TTextSyntax = Exclude<TCallSyntax, "native">;

/** Tool-calling data: declared tools, structured calls, or calls recognised in the text. */
export function isToolCalling(source: Pick<TSourceTrajectory, "tools" | "turns">): boolean {
  return source.tools !== null || source.turns.some((turn) => turn.callSyntax !== null || (turn.toolCalls?.length ?? 0) > 0);
}

/** The thought an assistant turn carries under the variant: latest reviewed revision, as imported, or none. */
function variantThought(turn: TSourceTurn, variant: TThoughtVariant): string | null {
  if (variant === "none") return null;
  if (variant === "latest" && turn.currentThought !== null) return turn.currentThought;
  return turn.thought;
}

/** Call markup of each text syntax, as lib/steps recognises it (an unterminated call runs to the end). */
const CALL_MARKUP: Record<TTextSyntax, RegExp> = {
  hermes: /<tool_call>[\s\S]*?(?:<\/tool_call>|$)/g,
  openhands: /<function=[^>]*>[\s\S]*?(?:<\/function>|$)/g,
  sweagent: /```[^\n]*\n[\s\S]*?(?:```|$)/g,
};
const THINK_BLOCK = /<think>[\s\S]*?(?:<\/think>|$)/;

/** The text without the thought: in place where it stands (an emptied `<think></think>` goes with it). */
function withoutThought(text: string, thought: string | null): string {
  const at = thought ? text.indexOf(thought) : -1;
  const rest = at === -1 ? text.replace(THINK_BLOCK, "") : text.slice(0, at) + text.slice(at + thought!.length);
  return rest.replace(/<think>\s*<\/think>/, "").replace(/^\s+/, "");
}

/** A text step with the thought replaced by `wanted` (null = removed), everything else as written. */
function textWithThought(turn: TSourceTurn, wanted: string | null, syntax: TTextSyntax | null): string {
  if (wanted === turn.thought) return turn.rawText;
  if (wanted === null || wanted.trim() === "") return withoutThought(turn.rawText, turn.thought);
  const at = turn.thought ? turn.rawText.indexOf(turn.thought) : -1;
  if (at !== -1) return turn.rawText.slice(0, at) + wanted + turn.rawText.slice(at + turn.thought!.length);
  const rest = withoutThought(turn.rawText, turn.thought);
  return syntax === "hermes" ? `<think>\n${wanted}\n</think>\n\n${rest}` : `${wanted}\n\n${rest}`;
}

/** A text step split for native export: the visible text without the thought and without the call markup. */
function textParts(turn: TSourceTurn, syntax: TTextSyntax, reasoning: string | null): TAssistantParts {
  let content = withoutThought(turn.rawText, turn.thought);
  const calls = turn.toolCalls ?? [];
  if (calls.length > 0) {
    const blocks = [...content.matchAll(CALL_MARKUP[syntax])];
    // SWE-agent's call is its one (last) fenced block; Hermes and OpenHands calls are every call tag.
    for (const block of (syntax === "sweagent" ? blocks.slice(-1) : blocks).reverse()) {
      content = content.slice(0, block.index) + content.slice(block.index + block[0].length);
    }
  }
  return { reasoning: reasoning === null || reasoning.trim() === "" ? null : reasoning, content: content.trim(), calls };
}

const TOOL_RESPONSE = /<tool_response>[\s\S]*?<\/tool_response>/g;

/**
 * The text of each of `count` results held in one result turn: its `<tool_response>` blocks when there is one
 * per call and nothing else; otherwise the whole text answers the first call and the others get an empty
 * result (the text is never re-serialised or guessed apart; the conversations writer joins them back).
 */
function resultTexts(text: string, count: number): string[] {
  if (count <= 1) return [text];
  const blocks = [...text.matchAll(TOOL_RESPONSE)].map((match) => match[0]);
  if (blocks.length === count && text.replace(TOOL_RESPONSE, "").trim() === "") return blocks;
  return [text, ...Array<string>(count - 1).fill("")];
}

function textSyntaxOf(turns: readonly TSourceTurn[]): TTextSyntax | null {
  const found = turns.find((turn) => turn.callSyntax !== null && turn.callSyntax !== "native");
  return (found?.callSyntax as TTextSyntax | undefined) ?? null;
}

export function toolCallingTurns(source: TSourceTrajectory, options: TToolTurnOptions): TExportTurn[] {
  const turns = [...source.turns].sort((a, b) => a.index - b.index);
  const native = isNativeTrajectory(turns, source.tools !== null);
  const textSyntax = textSyntaxOf(turns);
  const structured = new Set<string>();
  let unanswered: string[] = [];
  const out: TExportTurn[] = [];
  for (const [at, turn] of turns.entries()) {
    const base = { loss: exportLoss(turn, options.lossMask, source.kind), reasoning: null, toolCalls: null, toolCallId: null };
    if (turn.role === "assistant") {
      const thought = variantThought(turn, options.thoughts);
      const syntax = (turn.callSyntax !== "native" ? turn.callSyntax : null) ?? (native ? null : textSyntax);
      let parts: TAssistantParts | null = null;
      if (reasoningBeside(turn, native)) parts = nativeParts(turn, thought);
      else if (options.toolCalls === "native" && syntax !== null) parts = textParts(turn, syntax, thought);
      if (parts === null) {
        out.push({ ...base, role: "assistant", text: textWithThought(turn, thought, syntax) });
        continue;
      }
      const calls: TToolCall[] | null = parts.calls.length > 0 ? parts.calls : null;
      for (const call of parts.calls) structured.add(call.id);
      unanswered = parts.calls.map((call) => call.id);
      out.push({ ...base, role: "assistant", text: parts.content, reasoning: parts.reasoning, toolCalls: calls });
      continue;
    }
    if (turn.role === "observation") {
      // A result answers its stored call ids; one without (text calls, legacy function results) answers the next
      // structured call left open, or every call still open when no other result follows. Results of calls that
      // stay text are user turns, as in ReAct data.
      const stored = turn.toolCallIds.filter((callId) => structured.has(callId));
      const lastResult = turns[at + 1]?.role !== "observation";
      const ids = stored.length > 0 ? stored : lastResult ? unanswered : unanswered.slice(0, 1);
      unanswered = unanswered.filter((callId) => !ids.includes(callId));
      if (ids.length === 0) out.push({ ...base, role: "user", text: turn.rawText });
      // One result turn answering parallel calls (LLaMA-Factory's observation, Hermes' <tool_response> blocks)
      // becomes one tool message per call, as OpenAI-shaped trainers require.
      const texts = resultTexts(turn.rawText, ids.length);
      ids.forEach((id, i) => out.push({ ...base, role: "tool", text: texts[i]!, toolCallId: id }));
      continue;
    }
    const prompt = options.thoughts === "none" && (turn.role === "system" || (turn.isPrefix && turn.role === "user"));
    out.push({ ...base, role: turn.role, text: prompt ? promptWithoutCot(source.task, turn.rawText) : turn.rawText });
  }
  return out;
}
