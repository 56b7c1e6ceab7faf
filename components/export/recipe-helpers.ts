/** Pure helpers of the recipe form (no React). */
import type { TRecipe } from "@/lib/export/recipe";

export type TRecipeSection = "sources" | "inclusion" | "size" | "shares" | "output";

/** JSON with sorted keys: two recipes are the same when these are equal, whatever order their keys were set in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry && typeof entry === "object" && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : entry,
  );
}

export function sameRecipe(a: TRecipe, b: TRecipe): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

const SECTION_OF_FIELD: [RegExp, TRecipeSection][] = [
  [/^sources\b/, "sources"],
  [/^inclusion\b/, "inclusion"],
  [/^(size|eta|general)\b/, "size"],
  [/^shares\b/, "shares"],
  [/^(thoughts|lossMask|toolCalls|reasoningAs|formats|seed)\b/, "output"],
];

/**
 * The API names the bad field ("recipe: shares.values.db: a share is at most 1"):
 * which section of the form it belongs to, and the message without the prefix.
 */
export function placeRecipeError(message: string): { section: TRecipeSection | null; text: string } {
  const match = /^recipe: ([\w.]+): ([\s\S]*)$/.exec(message);
  if (!match) return { section: null, text: message };
  const [, field, text] = match as unknown as [string, string, string];
  const section = SECTION_OF_FIELD.find(([pattern]) => pattern.test(field))?.[1] ?? null;
  return { section, text: `${field}: ${text}` };
}

/** Offers the recipe as a JSON file, for `npm run cli -- export --recipe FILE`. */
export function downloadRecipe(recipe: TRecipe, name: string): void {
  const blob = new Blob([`${JSON.stringify(recipe, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${(name.trim() || "recipe").replace(/[^\w.-]+/g, "-")}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Shares are fractions in the recipe, percents in the form: round both ways so 28.8 stays 0.288. */
export const toPercent = (share: number) => Number((share * 100).toFixed(3));
export const toShare = (percent: number) => (Number.isNaN(percent) ? Number.NaN : Number((percent / 100).toFixed(6)));
