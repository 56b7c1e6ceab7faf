/**
 * The scan reads plain ASCII turns on a fused path (tokens hashed and n-gram
 * keys rolled in one pass, matches applied only once the whole turn is read)
 * and everything else on the general path. Both must give what the rule says,
 * written plainly here: n-gram strings of normalizedTokens.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "@/demo/random";
import { checkInMemory, type TTrainingTrajectory } from "./check";
import { normalizedTokens } from "./tokenize";

const N = 3;

/** Per trajectory: tokens, and tokens inside an n-gram of some test item; per item: tokens inside an n-gram of the training text. */
function plainRule(items: readonly string[], training: readonly TTrainingTrajectory[]) {
  const grams = (tokens: string[]) => Array.from({ length: Math.max(0, tokens.length - N + 1) }, (_, s) => tokens.slice(s, s + N).join(" "));
  const itemGrams = new Set(items.flatMap((text) => grams(normalizedTokens(text))));
  const trainingGrams = new Set<string>();
  const trajectories = training.map((t) => {
    let tokens = 0;
    let covered = 0;
    for (const turn of t.turns) {
      const toks = normalizedTokens(turn);
      const hit = new Uint8Array(toks.length);
      grams(toks).forEach((g, s) => {
        trainingGrams.add(g);
        if (itemGrams.has(g)) hit.fill(1, s, s + N);
      });
      tokens += toks.length;
      covered += hit.reduce((a, b) => a + b, 0);
    }
    return { tokens, covered };
  });
  const contaminated = items.map((text) => {
    const toks = normalizedTokens(text);
    const hit = new Uint8Array(toks.length);
    grams(toks).forEach((g, s) => trainingGrams.has(g) && hit.fill(1, s, s + N));
    return hit.reduce((a, b) => a + b, 0);
  });
  return { trajectories, contaminated };
}

function check(items: string[], training: TTrainingTrajectory[]) {
  const r = checkInMemory(
    items.map((text, i) => ({ id: `q${i}`, task: "t", text })),
    training,
    { n: N, templateShare: null },
  );
  return {
    trajectories: r.trajectories.map((t) => ({ tokens: t.tokens, covered: t.covered })),
    contaminated: r.items.map((it) => it.contaminated),
  };
}

describe("scan: fused ASCII path and general path", () => {
  const items = ["The Quick brown_fox 42 jumps", "über alles gut und schön", "alpha beta gamma delta"];

  it("counts what the plain rule counts on turns that leave the fused path midway", () => {
    const training: TTrainingTrajectory[] = [
      // ASCII only (fused path), case and punctuation differ from the item.
      { id: 1, turns: ["x THE quick, Brown_Fox 42!", "jumps"] },
      // A match, then a non-ASCII letter: the whole turn is read again on the general path, counted once.
      { id: 2, turns: ["the quick brown_fox 42 jumps — café"] },
      // A match before a carriage return: the terminal overwrites it, so it is no match at all.
      { id: 3, turns: ["the quick brown_fox\rprogress 100%", "alpha beta gamma\r"] },
      // `[SEP]` separates words (any case); a lone "[" is just a separator.
      { id: 4, turns: ["alpha[SEP]beta[sep]gamma", "alpha [beta] gamma delta"] },
      // Non-ASCII item text reached through the general path; a control byte; a turn shorter than n.
      { id: 5, turns: ["ÜBER alles gut", "und\x07schön", "gut", ""] },
    ];
    expect(check(items, training)).toEqual(plainRule(items, training));
    const covered = check(items, training).trajectories.map((t) => t.covered);
    // Hand-checked: 1 "the quick brown_fox 42" (jumps is another turn); 2 the item's five ASCII tokens; 3 none before the
    // \r (overwritten), then "alpha beta gamma" (a trailing \r keeps its line); 4 three, then four; 5 "über alles gut" only.
    expect(covered).toEqual([4, 5, 3, 7, 3]);
  });

  it("agrees with the plain rule on random ASCII and non-ASCII text", () => {
    const rng = new Rng(7);
    const vocab = ["a", "B", "c_d", "e1", "FF", "g", "ß", "[", "[SEP]", "h", "\r", "\t", "é"];
    const text = (words: number) => Array.from({ length: words }, () => vocab[rng.int(0, vocab.length - 1)]).join(rng.int(0, 3) ? " " : ",");
    const randomItems = Array.from({ length: 20 }, () => text(rng.int(0, 12)));
    const training = Array.from({ length: 200 }, (_, id) => ({ id, turns: Array.from({ length: rng.int(1, 4) }, () => text(rng.int(0, 40))) }));
    expect(check(randomItems, training)).toEqual(plainRule(randomItems, training));
  });
});
