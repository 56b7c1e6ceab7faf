import type { TDemoTurn } from "./types";

/** A human turn: task prompt, task turn or observation. */
export function human(value: string): TDemoTurn {
  return { from: "human", value, loss: null };
}

/** A scripted assistant turn of the fixed prefix ("Ok.", in-context example answers). */
export function scripted(value: string): TDemoTurn {
  return { from: "gpt", value, loss: false };
}

/** An assistant step the model is trained on. */
export function step(value: string): TDemoTurn {
  return { from: "gpt", value, loss: true };
}

/** "a, b and c" (or "a, b, and c" with the Oxford comma). */
export function listWords(words: readonly string[], oxford = false): string {
  if (words.length <= 1) return words.join("");
  const head = words.slice(0, -1).join(", ");
  return `${head}${oxford ? "," : ""} and ${words[words.length - 1]}`;
}

/** "1 file", "3 files". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "a car", "an economy car". */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Rounds to `places` decimals and drops trailing zeros ("12.5", "3"). */
export function round(value: number, places = 2): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
