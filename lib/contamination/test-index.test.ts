/**
 * The test index's prefilter: every n-gram of the test set must get through it
 * (else a leak is missed), and few others may (each one that does costs the
 * scan a lookup in the large table, nearly always a cache miss).
 */
import { describe, expect, it } from "vitest";
import { Rng } from "@/demo/random";
import { DEFAULT_CHECK_PARAMS } from "./params";
import { Scanner } from "./scan";
import { buildTestIndex, filterMask, filterWord, type TScanTables } from "./test-index";

function passes(index: TScanTables, hi: number, lo: number): boolean {
  const mask = filterMask(hi, lo);
  return (index.filter[filterWord(hi, lo, index.filterShift)]! & mask) === mask;
}

/** 3,000 items of 40–120 words from a 5,000-word vocabulary: ~213,000 distinct 10-grams. */
function randomItems(rng: Rng) {
  const vocabulary = Array.from({ length: 5000 }, () => rng.alnum(rng.int(2, 9)));
  return Array.from({ length: 3000 }, (_, i) => ({
    id: `q${i}`,
    task: "qa",
    text: Array.from({ length: rng.int(40, 120) }, () => vocabulary[rng.int(0, vocabulary.length - 1)]).join(" "),
  }));
}

describe("the prefilter", () => {
  const items = randomItems(new Rng(7));
  const index = buildTestIndex(items, DEFAULT_CHECK_PARAMS);
  const { keyHi, keyLo, slotId } = index.keys;

  it("lets every n-gram of the test set through", () => {
    let keys = 0;
    let stopped = 0;
    for (let slot = 0; slot < slotId.length; slot++) {
      if (slotId[slot] === -1) continue;
      keys++;
      if (!passes(index, keyHi[slot]!, keyLo[slot]!)) stopped++;
    }
    expect(stopped).toBe(0);
    expect(keys).toBe(index.ngramCount);
    expect(keys).toBeGreaterThan(200_000);
  });

  it("lets under 2 % of other keys through (one bit per key let 3–6 % through)", () => {
    const rng = new Rng(11);
    const tries = 200_000;
    let through = 0;
    for (let k = 0; k < tries; k++) {
      if (passes(index, Math.floor(rng.next() * 2 ** 32), Math.floor(rng.next() * 2 ** 32))) through++;
    }
    expect(through / tries).toBeLessThan(0.02);
  });

  it("lets the scan find every n-gram of the items, on both its paths (each inlines the filter)", () => {
    const scanner = new Scanner(index, DEFAULT_CHECK_PARAMS);
    let missed = 0;
    items.forEach((item, i) => {
      // Plain ASCII takes the fused path; a non-ASCII word sends the turn down the general one, and is the only token left uncovered.
      for (const [text, uncovered] of [[item.text, 0], [`${item.text} é`, 1]] as const) {
        scanner.begin(i);
        scanner.turn(text);
        const result = scanner.end();
        if (result.covered !== result.tokens - uncovered) missed++;
      }
    });
    expect(missed).toBe(0);
  });
});
