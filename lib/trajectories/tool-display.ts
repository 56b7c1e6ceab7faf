import { z } from "zod";
import type { TToolDeclaration } from "@/lib/formats/types";
import type { TToolCall } from "@/lib/steps/types";

/**
 * What the replay shows of tool-calling data, read from the stored JSON columns
 * (turns.tool_calls, tool_sets.tools). Anything that does not have the stored
 * shape is left out rather than trusted: the columns are written by our importer,
 * but a page must not break on one odd row.
 */

const ZToolCall = z.object({ id: z.string(), name: z.string(), arguments: z.string() });
const ZToolDeclaration = z.object({
  type: z.literal("function"),
  function: z.object({ name: z.string(), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional() }),
});

/** The calls of one assistant turn (turns.tool_calls), or [] for a ReAct step. */
export function toolCallsOf(value: unknown): TToolCall[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const call = ZToolCall.safeParse(item);
    return call.success ? [call.data] : [];
  });
}

/** The declared tools of a trajectory (tool_sets.tools), or [] when it declares none. */
export function toolsOf(value: unknown): TToolDeclaration[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const tool = ZToolDeclaration.safeParse(item);
    return tool.success ? [tool.data as TToolDeclaration] : [];
  });
}

/**
 * Arguments for reading: pretty-printed when they are JSON (2-space indent), else
 * the string exactly as written (invalid JSON is shown as it is, and flagged by the checks).
 */
export function prettyArguments(text: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), json: true };
  } catch {
    return { text, json: false };
  }
}

/** For each call id, the index of the first observation turn that answers it. */
export function resultTurnByCallId(turns: readonly { index: number; toolCallIds: readonly string[] }[]): Map<string, number> {
  const byId = new Map<string, number>();
  for (const turn of turns) for (const id of turn.toolCallIds) if (!byId.has(id)) byId.set(id, turn.index);
  return byId;
}
