/**
 * Where records keep their declared tools. The list itself is normalised by
 * toolDeclarations (tool-declarations.ts), the one reader of tool lists.
 */
import { toolDeclarations } from "./tool-declarations";
import type { TToolDeclaration } from "./types";

/** The tool-list fields records use, in the order they are looked for. */
export const TOOL_FIELDS = ["tools", "functions", "available_tools"] as const;

/** The record's declared tools from the first tool-list field it has, and that field's name. */
export function recordTools(rec: Record<string, unknown>): { tools: TToolDeclaration[] | null; field: string | null } {
  const field = TOOL_FIELDS.find((name) => rec[name] !== undefined && rec[name] !== null) ?? null;
  return { tools: field === null ? null : toolDeclarations(rec[field], field), field };
}
