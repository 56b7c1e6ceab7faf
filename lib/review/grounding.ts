import { stripControlSequences } from "@/lib/steps/control";

/**
 * Grounding hint (docs/method.md §4): the words and numbers of a thought that appear
 * nowhere in what the agent could see before it (the instruction and the
 * earlier observations). Invented reasons show up as such words. A hint, not a
 * verdict: paraphrase and general knowledge are flagged too.
 */

const WORD = /[\p{L}\p{N}][\p{L}\p{N}_.\-/]*[\p{L}\p{N}]|[\p{N}]/gu;

/** Words any reasoning uses; never flagged. */
const COMMON = new Set(
  ("the a an and or but if then else so to of in on at by for with from into onto as is are was were be been being it its this that these those " +
    "i me my we our you your he she they them their there here not no yes do does did done can could should would will shall may might must " +
    "have has had get got let lets need needs first next now then also just only more most some any all each every other another same " +
    "which what who whom whose where when why how than too very still again once because since while until after before about above below " +
    "think thought action act answer finish use using used try trying tried check look find found see seems seem looks going go want will " +
    "step steps task question output result results command query file files item items page click search option options value values " +
    "number numbers one two three four five six seven eight nine ten zero ok okay good right wrong correct done let's i'll i'm it's that's " +
    "list lists count counts counting say says said show shows showed shown folder directory file name names run runs ran " +
    "make makes made know knows see sees saw read reads give gives given take takes call calls called start end last " +
    "like well maybe probably likely already enough many much few several")
    .split(/\s+/),
);

function normalise(word: string): string {
  return word.toLowerCase().replace(/[.\-/]+$/, "");
}

/** The words of a text, normalised, for the "seen" vocabulary. */
export function vocabularyOf(text: string, into = new Set<string>()): Set<string> {
  for (const match of stripControlSequences(text).matchAll(WORD)) {
    const word = normalise(match[0]);
    into.add(word);
    // Also the parts of compound tokens (file paths, dotted names): "/etc/passwd" → etc, passwd.
    for (const part of word.split(/[.\-/_]+/)) if (part) into.add(part);
  }
  return into;
}

export type TUngroundedSpan = { start: number; end: number; word: string };

/** Spans of `thought` whose words are not in `seen` (and are not common words). */
export function ungroundedSpans(thought: string, seen: Set<string>): TUngroundedSpan[] {
  const spans: TUngroundedSpan[] = [];
  for (const match of thought.matchAll(WORD)) {
    const word = normalise(match[0]);
    if (COMMON.has(word) || seen.has(word)) continue;
    const parts = word.split(/[.\-/_]+/).filter(Boolean);
    if (parts.length > 1 && parts.every((part) => seen.has(part) || COMMON.has(part))) continue;
    if (!/\p{N}/u.test(word) && word.length < 3) continue;
    spans.push({ start: match.index, end: match.index + match[0].length, word: match[0] });
  }
  return spans;
}
