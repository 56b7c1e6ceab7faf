/**
 * Streams training text past a test index. Each turn is tokenised and hashed on
 * its own, so an n-gram never spans two turns. Matched test n-grams are marked
 * in a byte per n-gram; per trajectory we keep only counts and the touched
 * test items, so memory does not grow with the training side beyond a bounded
 * list of example trajectories per test item.
 */
import { labelFor, type TCheckParams, type TContaminationLabel } from "./params";
import type { TTestIndex } from "./test-index";
import { tokenizerFor, type TTokenizer } from "./tokenizers";
import { BASE_HI, BASE_LO } from "./tokenize";

/** How many matching trajectories each test item remembers for the report. */
export const TRAJECTORIES_PER_ITEM = 20;

export type TTrajectoryResult = {
  trajectoryId: number;
  /** Compared tokens (task turns and trained turns). */
  tokens: number;
  /** Of those, tokens inside a matched non-template n-gram. */
  covered: number;
  rate: number;
  label: TContaminationLabel;
  /** Indexes into the test index's items. */
  items: number[];
};

export class Scanner {
  readonly matched: Uint8Array;
  /** Per test item, up to TRAJECTORIES_PER_ITEM trajectory ids that share a non-template n-gram. */
  readonly itemTrajectories: Map<number, number[]> = new Map();
  private current: { id: number; tokens: number; covered: number; ngrams: Set<number> } | null = null;

  private readonly powHi: number;
  private readonly powLo: number;
  private readonly tokenizer: TTokenizer;

  constructor(
    readonly index: TTestIndex,
    readonly params: TCheckParams,
  ) {
    this.matched = new Uint8Array(index.ngramCount);
    this.tokenizer = tokenizerFor(params.tokenizer);
    let powHi = 1;
    let powLo = 1;
    for (let k = 1; k < index.n; k++) {
      powHi = Math.imul(powHi, BASE_HI);
      powLo = Math.imul(powLo, BASE_LO);
    }
    this.powHi = powHi;
    this.powLo = powLo;
  }

  begin(trajectoryId: number): void {
    this.current = { id: trajectoryId, tokens: 0, covered: 0, ngrams: new Set() };
  }

  /** One compared turn of the current trajectory. */
  turn(text: string): void {
    const cur = this.current;
    if (!cur) throw new Error("turn() outside begin()/end()");
    const n = this.index.n;
    const h = this.tokenizer.hashes(text);
    cur.tokens += h.length;
    if (h.length < n) return;
    // Rolling window keys computed inline (same arithmetic as ngramKeys): no per-turn key arrays.
    const ix = this.index;
    let x = 0;
    let y = 0;
    for (let k = 0; k < n; k++) {
      x = (Math.imul(x, BASE_HI) + h.a[k]!) | 0;
      y = (Math.imul(y, BASE_LO) + h.b[k]!) | 0;
    }
    const powHi = this.powHi;
    const powLo = this.powLo;
    // Covered tokens of this turn: one pass with the end of the last matched window.
    let coveredUntil = 0;
    const count = h.length - n + 1;
    const filter = ix.filter;
    const shift = ix.filterShift;
    for (let s = 0; ; s++) {
      const b = (x ^ y) >>> shift; // filterBit(), inlined
      const g = filter[b >>> 5]! & (1 << (b & 31)) ? ix.lookup(x >>> 0, y >>> 0) : -1;
      if (g !== -1) {
        this.matched[g] = 1;
        if (!ix.template[g]) {
          cur.ngrams.add(g);
          const from = Math.max(s, coveredUntil);
          cur.covered += s + n - from;
          coveredUntil = s + n;
        }
      }
      if (s + 1 >= count) break;
      x = (Math.imul((x - Math.imul(h.a[s]!, powHi)) | 0, BASE_HI) + h.a[s + n]!) | 0;
      y = (Math.imul((y - Math.imul(h.b[s]!, powLo)) | 0, BASE_LO) + h.b[s + n]!) | 0;
    }
  }

  end(): TTrajectoryResult {
    const cur = this.current;
    if (!cur) throw new Error("end() without begin()");
    this.current = null;
    const items = new Set<number>();
    const ix = this.index;
    for (const g of cur.ngrams) {
      for (let k = ix.ngramItemStart[g]!; k < ix.ngramItemStart[g + 1]!; k++) items.add(ix.ngramItems[k]!);
    }
    for (const i of items) {
      let list = this.itemTrajectories.get(i);
      if (!list) this.itemTrajectories.set(i, (list = []));
      if (list.length < TRAJECTORIES_PER_ITEM) list.push(cur.id);
    }
    const rate = cur.tokens === 0 ? 0 : cur.covered / cur.tokens;
    return {
      trajectoryId: cur.id,
      tokens: cur.tokens,
      covered: cur.covered,
      rate,
      label: labelFor(rate, this.params),
      items: [...items].sort((a, b) => a - b),
    };
  }
}
