/**
 * The task of a tool-calling record that names none, so users can filter on it:
 *  - "swe" for coding-agent runs (SWE-Gym, SWE-smith, OpenHands, SWE-agent): their `instance_id`
 *    follows SWE-bench's `owner__repo-NUMBER` convention, or they declare the coding agents'
 *    editing tools (OpenHands' `str_replace_editor` / `execute_bash`, SWE-agent's `str_replace_editor`).
 *    These runs are judged by tests (`resolved`) and reviewed as code changes, a task of their own.
 *  - "tools" for every other function-calling record (APIGen-MT, ToolACE, Toucan, xLAM, Glaive, any
 *    chat-API agent): the tools differ per row, so no finer task is implied by the content.
 */
import type { TToolDeclaration } from "./types";

const SWE_INSTANCE_ID = /^[A-Za-z0-9_.-]+__[A-Za-z0-9_.-]+-\d+$/;
const CODING_TOOLS = new Set(["str_replace_editor", "execute_bash"]);

export const TOOLS_TASK = "tools";
export const SWE_TASK = "swe";

export function toolCallingTask(instanceId: string | null, tools: readonly TToolDeclaration[] | null): string {
  if (instanceId !== null && SWE_INSTANCE_ID.test(instanceId)) return SWE_TASK;
  if (tools?.some((tool) => CODING_TOOLS.has(tool.function.name))) return SWE_TASK;
  return TOOLS_TASK;
}
