/**
 * A declared tool list with its hash: the key of the tool_sets table (one row per distinct list)
 * and of the compiled-schema cache (tool-schemas.ts).
 */
import { createHash } from "node:crypto";
import type { TToolDeclaration } from "./types";

export type TToolSet = { hash: string; tools: readonly TToolDeclaration[] };

/** The tool set of a record's declared tools, or null when it declares none. */
export function toolSetOf(tools: readonly TToolDeclaration[] | null | undefined): TToolSet | null {
  return tools?.length ? { hash: toolSetHash(tools), tools } : null;
}

/** sha256 of the canonical JSON of the normalised list. */
export function toolSetHash(tools: readonly TToolDeclaration[]): string {
  return createHash("sha256").update(canonicalJson(tools)).digest("hex");
}

/** JSON with object keys sorted at every level: equal tool lists hash equally whatever the key order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
