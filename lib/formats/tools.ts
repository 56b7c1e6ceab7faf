/**
 * Declared tools, as files write them, normalised to the OpenAI function shape
 * `{ type: "function", function: { name, description?, parameters? } }` (what the
 * tool_sets table stores and the export writes back):
 * OpenAI `tools` entries, legacy `functions` / bare `{ name, parameters }` entries,
 * Anthropic `{ name, input_schema }`, and a list written as a JSON string (LLaMA-Factory).
 */
import { createHash } from "node:crypto";
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

/** The first tool-list field a record has, in the order files use them. */
export const TOOL_FIELDS = ["tools", "functions", "available_tools"] as const;

export function recordTools(rec: Record<string, unknown>): TToolDeclaration[] | null {
  const field = TOOL_FIELDS.find((name) => rec[name] !== undefined && rec[name] !== null);
  return field === undefined ? null : toolsOf(rec[field], field);
}

/** JSON with object keys sorted at every level: equal tool lists hash equally whatever the key order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The tool_sets key: sha256 of the canonical JSON of the normalised list. */
export function toolSetHash(tools: readonly TToolDeclaration[]): string {
  return createHash("sha256").update(canonicalJson(tools)).digest("hex");
}
