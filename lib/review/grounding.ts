import { stemmer } from "stemmer";
import { stripControlSequences } from "@/lib/steps/control";

/**
 * Grounding hint (docs/method.md §4): the checkable tokens of a thought that
 * appear nowhere in what the agent could see before it (the prompt, the task
 * and the earlier observations). Only tokens a reviewer can check are
 * considered: numbers (21st → 21, 1,000 → 1000), quoted strings, paths, URLs,
 * identifiers and capitalised names; ordinary words never are (paraphrase is
 * not invention). Words compare by their Porter stem, so "kettles" grounds
 * "Kettle". A hint, not a verdict.
 */

export type TUngroundedSpan = { start: number; end: number; word: string };
type TCandidateKind = "url" | "quote" | "path" | "number" | "identifier" | "name";
type TCandidate = { kind: TCandidateKind; start: number; end: number; text: string };

const URL = String.raw`https?:\/\/[^\s"'<>()\[\]]+[^\s"'<>()\[\].,;:!?]`;
const QUOTE = String.raw`"[^"\n]{1,120}"|“[^”\n]{1,120}”|\u0060[^\u0060\n]{1,120}\u0060|(?<![\p{L}\p{N}])'[^'\n]{1,120}'(?![\p{L}\p{N}])`;
const PATH = String.raw`(?:~|\.{1,2})?\/[\p{L}\p{N}_.\-]+(?:\/[\p{L}\p{N}_.\-]*)*|[\p{L}\p{N}_.\-]+(?:\/[\p{L}\p{N}_.\-]+)+`;
const NUMBER = String.raw`(?<![\p{L}\p{N}_.])[$€£]?\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th|%)?(?![\p{L}\p{N}_])`;
const WORD = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_.\-]*[\p{L}\p{N}_]|[\p{L}\p{N}]`;
const CANDIDATE = new RegExp(`(${URL})|(${QUOTE})|(${PATH})|(${NUMBER})|(${WORD})`, "gu");

/** A number as written, normalised: "$1,000.50" → "1000.50", "21st" → "21"; null for a non-number. */
export function normaliseNumber(text: string): string | null {
  const bare = text.replace(/^[$€£]/u, "").replace(/(?:st|nd|rd|th|%)$/u, "");
  if (!/^\d[\d,]*(?:\.\d+)?$/u.test(bare)) return null;
  // Thousands separators only where they group by three; "1,2,3" is a list, not a number.
  if (bare.includes(",") && !/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u.test(bare)) return null;
  return bare.replace(/,/g, "");
}

/** The words inside a token: "/srv/app_logs/errorCount.txt" → srv, app, logs, error, count, txt. */
function partsOf(token: string): string[] {
  return token
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const stem = (word: string) => stemmer(word.toLowerCase());

/** Adds what a text shows to the "seen" vocabulary: whole tokens, their parts, stems and normalised numbers. */
export function vocabularyOf(text: string, into = new Set<string>()): Set<string> {
  const clean = stripControlSequences(text);
  for (const match of clean.matchAll(/[^\s"'`“”()[\]{}<>;]+/gu)) {
    const token = match[0].toLowerCase().replace(/[.,:;!?]+$/u, "");
    into.add(token);
    const number = normaliseNumber(token);
    if (number !== null) into.add(number);
  }
  for (const match of clean.matchAll(/\d[\d,]*(?:\.\d+)?/gu)) {
    const number = normaliseNumber(match[0]);
    if (number !== null) into.add(number);
    for (const digits of match[0].split(/[,.]/u)) into.add(digits);
  }
  for (const match of clean.matchAll(/[\p{L}\p{N}_]+/gu)) {
    for (const part of partsOf(match[0])) {
      into.add(part);
      into.add(stem(part));
    }
  }
  return into;
}

const seenWord = (word: string, seen: Set<string>) => seen.has(word.toLowerCase()) || seen.has(stem(word));

/** Whether a candidate rests on something seen. */
function isGrounded(candidate: TCandidate, seen: Set<string>): boolean {
  const whole = candidate.text.toLowerCase();
  if (seen.has(whole)) return true;
  switch (candidate.kind) {
    case "number":
      return seen.has(normaliseNumber(candidate.text) ?? whole);
    case "name":
      return seenWord(candidate.text, seen);
    default: {
      const parts = partsOf(candidate.text);
      return parts.length > 0 && parts.every((part) => seenWord(part, seen));
    }
  }
}

/** A word other than a number: an identifier (snake_case, dotted, camelCase, letters with digits, ALLCAPS), a capitalised name, or plain. */
function wordKind(word: string, atSentenceStart: boolean): TCandidateKind | null {
  if (/[_.]/u.test(word) || /\p{Ll}\p{Lu}/u.test(word) || (/\p{N}/u.test(word) && /\p{L}/u.test(word))) return "identifier";
  // ALLCAPS of four letters or more (short ones are units and keywords: KB, AVG, SQL); "I" is no name.
  if (/^\p{Lu}[\p{Lu}\p{N}]{3,}$/u.test(word)) return "identifier";
  if (/^\p{Lu}\p{Ll}/u.test(word) && !atSentenceStart) return "name";
  return null;
}

/** The start of a sentence: the text's start, or after . ! ? : or a line break (capitals there say nothing). */
function atSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).trimEnd();
  return before === "" || /[.!?:\n]$/u.test(text.slice(0, index).replace(/[ \t]+$/u, "")) || /[.!?:]["')\]]?$/u.test(before);
}

/** The checkable tokens of a thought, in order. */
export function checkableTokens(thought: string): TCandidate[] {
  const candidates: TCandidate[] = [];
  for (const match of thought.matchAll(CANDIDATE)) {
    const [text, url, quote, filePath, number] = match;
    const start = match.index;
    if (url) candidates.push({ kind: "url", start, end: start + text.length, text });
    else if (quote) candidates.push({ kind: "quote", start: start + 1, end: start + text.length - 1, text: text.slice(1, -1) });
    else if (filePath) candidates.push({ kind: "path", start, end: start + text.length, text });
    else if (number) {
      if (normaliseNumber(text) !== null) candidates.push({ kind: "number", start, end: start + text.length, text });
    } else {
      const word = text.replace(/[.\-]+$/u, "");
      const kind = wordKind(word, atSentenceStart(thought, start));
      if (kind) candidates.push({ kind, start, end: start + word.length, text: word });
    }
  }
  return candidates;
}

/** Spans of `thought` that are checkable and rest on nothing in `seen`. */
export function ungroundedSpans(thought: string, seen: Set<string>): TUngroundedSpan[] {
  return checkableTokens(thought)
    .filter((candidate) => !isGrounded(candidate, seen))
    .map((candidate) => ({ start: candidate.start, end: candidate.end, word: candidate.text }));
}

type THintTurn = { index: number; role: string; rawText: string; thought: string | null; currentThought?: string | null };

/** For each assistant turn, the ungrounded spans of its current thought, against every non-assistant turn before it. */
export function hintsForTurns(turns: readonly THintTurn[], seenBefore: readonly string[] = []): Record<number, TUngroundedSpan[]> {
  const seen = new Set<string>();
  for (const text of seenBefore) vocabularyOf(text, seen);
  const hints: Record<number, TUngroundedSpan[]> = {};
  for (const turn of turns) {
    if (turn.role !== "assistant") {
      vocabularyOf(turn.rawText, seen);
      continue;
    }
    const thought = turn.currentThought ?? turn.thought;
    if (thought) hints[turn.index] = ungroundedSpans(thought, seen);
  }
  return hints;
}
