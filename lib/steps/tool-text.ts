/**
 * Tool calls written as text inside an assistant turn (Hermes/Qwen `<tool_call>`, OpenHands'
 * `<function=...>`, SWE-agent's fenced command). parseTrajectory asks this for every assistant
 * turn that has no structured calls; the raw text always stays as written.
 * The recognisers are plugged in here (issue 15, helper 15b); until then nothing is recognised.
 */
import type { TCallSyntax, TToolCall } from "./types";

export type TTextCalls = {
  syntax: Exclude<TCallSyntax, "native">;
  /** The calls in text order; ids are made up by the recogniser (the text has none), unique within the turn. */
  calls: TToolCall[];
  /** The reasoning written before or around the calls (`<think>`, SWE-agent's thought), or null. */
  thought: string | null;
  /** The visible content left once calls and reasoning are taken out, or null when nothing is left. */
  content: string | null;
};

/** The calls written in `text` (control sequences already stripped), or null when it holds none. */
export function recogniseTextCalls(text: string): TTextCalls | null {
  void text;
  return null;
}
