/**
 * Streams training text past a test index. Each turn is tokenised and hashed on
 * its own, so an n-gram never spans two turns. Matched test n-grams are marked
 * in a byte per n-gram; per trajectory we keep only counts and the touched
 * test items, so memory does not grow with the training side beyond a bounded
 * list of example trajectories per test item.
 */
import { labelFor, type TCheckParams, type TContaminationLabel } from "./params";
import type { TScanIndex } from "./test-index";
import { tokenizerFor, type TTokenizer } from "./tokenizers";
import { BASE_HI, BASE_LO, BRACKET, CONTROL, SEP_AT, WORD_CODE, type TTokenHashes } from "./tokenize";

/**
 * The fused path's class of every UTF-16 unit: a word character's lowercase code (>= FIRST_WORD_CODE, as in
 * textTokenHashes), 0 for a separator, BRACKET for "[" (a `[SEP]` may start there), SPECIAL for what only the
 * general path handles (control bytes, anything beyond ASCII). 64 KB, of which the scan touches the first 128 bytes.
 */
const SPECIAL = CONTROL;
const FIRST_WORD_CODE = 48;
const CHAR_CLASS = new Uint8Array(0x10000).fill(SPECIAL);
CHAR_CLASS.set(WORD_CODE);

/** The fused path's last n token hashes (n <= 64, params.ts). */
const RING_MASK = 63;

function growInt32(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

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
  private readonly fused: boolean;
  private readonly ringA = new Int32Array(RING_MASK + 1);
  private readonly ringB = new Int32Array(RING_MASK + 1);
  /** (window start, n-gram id) pairs of the fused path's current text. */
  private pending = new Int32Array(64);

  constructor(
    readonly index: TScanIndex,
    readonly params: TCheckParams,
  ) {
    this.matched = new Uint8Array(index.ngramCount);
    this.tokenizer = tokenizerFor(params.tokenizer);
    this.fused = params.tokenizer !== "bpe";
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

  /**
   * One compared turn of the current trajectory; returns its UTF-8 size in bytes.
   * Word tokens of plain ASCII text (nearly all training text) take the fused
   * path: one pass over the characters that hashes each token and rolls the
   * n-gram keys as tokens end, with no token arrays; anything else (non-ASCII,
   * control bytes, `[SEP]`, the bpe tokenizer) hashes the tokens first.
   */
  turn(text: string): number {
    if (!this.current) throw new Error("turn() outside begin()/end()");
    if (this.fused && this.fusedTurn(text)) return text.length; // ASCII: one byte per character
    this.windows(this.tokenizer.hashes(text));
    return Buffer.byteLength(text);
  }

  /**
   * The fused path (same tokens, hashes and keys as textTokenHashes + windows).
   * False, with nothing recorded, when the text needs the general path: matches
   * wait in `pending` until the whole text has been read.
   */
  private fusedTurn(text: string): boolean {
    const n = this.index.n;
    const ix = this.index;
    const filter = ix.filter;
    const shift = ix.filterShift;
    const powHi = this.powHi;
    const powLo = this.powLo;
    const ringA = this.ringA;
    const ringB = this.ringB;
    const table = CHAR_CLASS;
    let pending = 0;
    let count = 0;
    let x = 0;
    let y = 0;
    const end = text.length;
    let i = 0;
    while (i < end) {
      let c = table[text.charCodeAt(i)]!;
      if (c < FIRST_WORD_CODE) {
        if (c === SPECIAL) return false;
        if (c === BRACKET) {
          SEP_AT.lastIndex = i;
          if (SEP_AT.test(text)) return false;
        }
        i++;
        continue;
      }
      // One token: its hashes as hashTokens computes them, in a tight loop of its own.
      const start = i;
      let h1 = 0x811c9dc5;
      let h2 = 0x9e3779b9;
      for (;;) {
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 ^= h2 >>> 15;
        if (++i === end) break;
        c = table[text.charCodeAt(i)]!;
        if (c < FIRST_WORD_CODE) break; // the outer loop looks at this character again
      }
      const b = h2 ^ (i - start);
      // The token enters the window, the one n tokens back leaves it (same arithmetic as ngramKeys).
      if (count >= n) {
        const old = (count - n) & RING_MASK;
        x = (x - Math.imul(ringA[old]!, powHi)) | 0;
        y = (y - Math.imul(ringB[old]!, powLo)) | 0;
      }
      x = (Math.imul(x, BASE_HI) + h1) | 0;
      y = (Math.imul(y, BASE_LO) + b) | 0;
      ringA[count & RING_MASK] = h1;
      ringB[count & RING_MASK] = b;
      count++;
      if (count < n) continue;
      // filterWord() and filterMask(), inlined
      const mask = (1 << (x & 31)) | (1 << ((x >>> 5) & 31)) | (1 << (y & 31));
      if ((filter[(x ^ y) >>> shift]! & mask) !== mask) continue;
      const g = ix.lookup(x >>> 0, y >>> 0);
      if (g === -1) continue;
      if (pending + 2 > this.pending.length) this.pending = growInt32(this.pending);
      this.pending[pending++] = count - n;
      this.pending[pending++] = g;
    }
    this.current!.tokens += count;
    let coveredUntil = 0;
    for (let k = 0; k < pending; k += 2) coveredUntil = this.record(this.pending[k]!, this.pending[k + 1]!, coveredUntil);
    return true;
  }

  /** Every n-gram window of one text's token hashes (the general path). */
  private windows(h: TTokenHashes): void {
    const cur = this.current!;
    const n = this.index.n;
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
      const mask = (1 << (x & 31)) | (1 << ((x >>> 5) & 31)) | (1 << (y & 31)); // filterMask() and filterWord(), inlined
      const g = (filter[(x ^ y) >>> shift]! & mask) === mask ? ix.lookup(x >>> 0, y >>> 0) : -1;
      if (g !== -1) coveredUntil = this.record(s, g, coveredUntil);
      if (s + 1 >= count) break;
      x = (Math.imul((x - Math.imul(h.a[s]!, powHi)) | 0, BASE_HI) + h.a[s + n]!) | 0;
      y = (Math.imul((y - Math.imul(h.b[s]!, powLo)) | 0, BASE_LO) + h.b[s + n]!) | 0;
    }
  }

  /** Test n-gram g matched at window s of the current text; returns the new end of its covered tokens. */
  private record(s: number, g: number, coveredUntil: number): number {
    this.matched[g] = 1;
    if (this.index.template[g]) return coveredUntil;
    const cur = this.current!;
    const n = this.index.n;
    cur.ngrams.add(g);
    cur.covered += s + n - Math.max(s, coveredUntil);
    return s + n;
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
