/** One changed field of an audit event: its dotted path and the value before and after (undefined: absent). */
export type TFieldChange = { field: string; before: unknown; after: unknown };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects become dotted paths; arrays and scalars are leaves. null counts as absent. */
function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (value !== null && value !== undefined) {
    into.set(prefix || "value", value);
  }
  return into;
}

/**
 * The fields an audit event changed: present on either side and different
 * (compared as JSON), in the order they first appear. Unchanged fields are left
 * out; the raw JSON stays available beside this.
 */
export function fieldChanges(before: unknown, after: unknown): TFieldChange[] {
  const old = flatten(before, "", new Map());
  const next = flatten(after, "", new Map());
  const fields = [...new Set([...old.keys(), ...next.keys()])];
  return fields
    .filter((field) => JSON.stringify(old.get(field)) !== JSON.stringify(next.get(field)))
    .map((field) => ({ field, before: old.get(field), after: next.get(field) }));
}

/** A value as the diff shows it: strings as they are, absent as "—", the rest as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}
