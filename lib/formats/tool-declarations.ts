/**
 * Declared tool lists, normalised to the OpenAI function shape
 * `{ type: "function", function: { name, description?, parameters? } }` whatever
 * the file wrote: OpenAI `{type, function}`, a bare `{name, description, parameters}`
 * (LLaMA-Factory, legacy `functions`), Anthropic `{name, description, input_schema}`,
 * and the whole list written as a JSON string (LLaMA-Factory).
 */
import { FieldError } from "./record";
import { isPlainObject } from "./sniff";
import type { TToolDeclaration } from "./types";

export function toolDeclarations(value: unknown, field: string): TToolDeclaration[] | null {
  if (value === undefined || value === null || value === "") return null;
  const list = typeof value === "string" ? parseToolString(value, field) : value;
  if (!Array.isArray(list)) throw new FieldError(`field "${field}" must be a list of tools`);
  if (list.length === 0) return null;
  return list.map((tool, i) => declaration(tool, `${field}[${i}]`));
}

/** LLaMA-Factory stores the list as a JSON string. */
function parseToolString(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FieldError(`field "${field}" must be a list of tools (it is a string that is not JSON)`);
  }
}

function declaration(tool: unknown, at: string): TToolDeclaration {
  if (!isPlainObject(tool)) throw new FieldError(`${at} must be an object`);
  const fn = isPlainObject(tool.function) ? tool.function : tool;
  const where = fn === tool ? at : `${at}.function`;
  if (typeof fn.name !== "string" || fn.name === "") throw new FieldError(`${where}.name must be a non-empty string`);
  const schema = fn.parameters ?? fn.input_schema;
  if (schema !== undefined && schema !== null && !isPlainObject(schema)) {
    throw new FieldError(`${where}.${fn.parameters !== undefined ? "parameters" : "input_schema"} must be a JSON Schema object`);
  }
  return {
    type: "function",
    function: {
      name: fn.name,
      ...(typeof fn.description === "string" ? { description: fn.description } : {}),
      ...(isPlainObject(schema) ? { parameters: schema } : {}),
    },
  };
}
