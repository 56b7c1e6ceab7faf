/**
 * Declared tools, as files write them, normalised to the OpenAI function shape
 * `{ type: "function", function: { name, description?, parameters? } }` (what the
 * tool_sets table stores and the export writes back):
 * OpenAI `tools` entries, legacy `functions` / bare `{ name, parameters }` entries,
 * Anthropic `{ name, input_schema }`, and a list written as a JSON string (LLaMA-Factory).
 */
import { FieldError } from "./record";
import { isPlainObject } from "./sniff";
import type { TToolDeclaration } from "./types";

/** The declared tools of a record from `field`, or null when the field is absent, null or an empty list. */
export function toolsOf(value: unknown, field: string): TToolDeclaration[] | null {
  if (value === undefined || value === null || value === "") return null;
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      throw new FieldError(`field "${field}" is a string but not a JSON list of tools`);
    }
  }
  if (!Array.isArray(list)) throw new FieldError(`field "${field}" must be a list of tools`);
  if (list.length === 0) return null;
  return list.map((entry: unknown, i) => toolOf(entry, `${field}[${i}]`));
}

function toolOf(entry: unknown, at: string): TToolDeclaration {
  if (!isPlainObject(entry)) throw new FieldError(`${at} must be an object`);
  const fn = isPlainObject(entry.function) ? entry.function : entry;
  const where = fn === entry ? at : `${at}.function`;
  if (typeof fn.name !== "string" || fn.name === "") throw new FieldError(`${where}.name must be a non-empty string`);
  const declaration: TToolDeclaration["function"] = { name: fn.name };
  if (typeof fn.description === "string") declaration.description = fn.description;
  const schemaKey = fn.parameters !== undefined ? "parameters" : fn.input_schema !== undefined ? "input_schema" : null;
  if (schemaKey !== null && fn[schemaKey] !== null) {
    const schema = fn[schemaKey];
    if (!isPlainObject(schema)) throw new FieldError(`${where}.${schemaKey} must be a JSON Schema object`);
    declaration.parameters = schema;
  }
  return { type: "function", function: declaration };
}

/** The tool-list fields records use, in the order they are looked for. */
export const TOOL_FIELDS = ["tools", "functions", "available_tools"] as const;

/** The record's declared tools from the first tool-list field it has, and that field's name. */
export function recordTools(rec: Record<string, unknown>): { tools: TToolDeclaration[] | null; field: string | null } {
  const field = TOOL_FIELDS.find((name) => rec[name] !== undefined && rec[name] !== null) ?? null;
  return { tools: field === null ? null : toolsOf(rec[field], field), field };
}
