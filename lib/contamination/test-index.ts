/**
 * The index is built from the TEST side (thousands of items: small) so memory
 * stays bounded however much training text is streamed past it. Every distinct
 * n-gram of the test set gets an id in an open-addressing table of 64-bit keys
 * held in typed arrays; per n-gram we keep how many items contain it (template
 * discounting) and, in CSR form, which items those are.
 */
import type { TCheckParams } from "./params";
import { tokenizerFor } from "./tokenizers";
import { ngramKeys } from "./tokenize";

export type TTestItemInput = { id: string; task: string; text: string };

/**
 * What a scan needs of the index (scan.ts), all plain data: a scan thread
 * (scan-threads.ts) gets a structured-clone copy and rebuilds lookup() from
 * the keys with scanIndexOf.
 */
export type TScanTables = {
  n: number;
  ngramCount: number;
  /** Items per n-gram: ngramItems[ngramItemStart[g] .. ngramItemStart[g+1]). */
  ngramItemStart: Int32Array;
  ngramItems: Int32Array;
  /** 1 where the n-gram is template (in more than templateShare of the items). */
  template: Uint8Array;
  /**
   * A prefilter of the n-gram keys: a blocked Bloom filter, 16–32 bits per n-gram (~1 MB at 10,000 items),
   * where a key sets three bits (filterMask) of one 32-bit word (filterWord). A training n-gram costs
   * one load there, mostly from the CPU cache; only 0.3–1 % of those not in the test set get past it to
   * the larger table, where nearly every lookup is a cache miss (one bit per key let 3–6 % through).
   */
  filter: Int32Array;
  filterShift: number;
  /** The open-addressing table: slot -> 64-bit key and n-gram id (-1 for an empty slot). */
  keys: { keyHi: Uint32Array; keyLo: Uint32Array; slotId: Int32Array };
};

export type TScanIndex = TScanTables & {
  /** The n-gram id of a key, or -1. */
  lookup(hi: number, lo: number): number;
};

export type TTestIndex = TScanIndex & {
  items: readonly { id: string; task: string }[];
  /** Token count per item. */
  itemTokens: Int32Array;
  /** Item i's n-gram ids, by start position: posNgram[posStart[i] .. posStart[i+1]). */
  posStart: Int32Array;
  posNgram: Int32Array;
  /** Distinct items per n-gram. */
  ngramItemCount: Int32Array;
  /** Representative text of each n-gram (first occurrence), only for template ones: for the report. */
  templateText: Map<number, string>;
};

/** The scan's part of an index, to post to a scan thread. */
export function scanTablesOf(index: TScanIndex): TScanTables {
  const { n, ngramCount, ngramItemStart, ngramItems, template, filter, filterShift, keys } = index;
  return { n, ngramCount, ngramItemStart, ngramItems, template, filter, filterShift, keys };
}

/** Tables back into an index a Scanner can use. */
export function scanIndexOf(tables: TScanTables): TScanIndex {
  return { ...tables, lookup: lookupIn(tables.keys) };
}

/** The table's probe (the same slots buildTestIndex fills), as a closure over its arrays for the scan's hot loop. */
function lookupIn({ keyHi, keyLo, slotId }: TScanTables["keys"]): (hi: number, lo: number) => number {
  const mask = slotId.length - 1;
  return (h, l) => {
    let slot = (h ^ Math.imul(l, 0x27d4eb2d)) & mask;
    for (;;) {
      const s = slotId[slot]!;
      if (s === -1) return -1;
      if (keyHi[slot] === h && keyLo[slot] === l) return s;
      slot = (slot + 1) & mask;
    }
  };
}

/** The prefilter's word for a key: the top bits of hi ^ lo. The scan's hot loops inline this and filterMask. */
export const filterWord = (hi: number, lo: number, shift: number): number => (hi ^ lo) >>> shift;
/** The key's three bits in its word, from low bits of the key (the word comes from the top ones). */
export const filterMask = (hi: number, lo: number): number => (1 << (hi & 31)) | (1 << ((hi >>> 5) & 31)) | (1 << (lo & 31));

export function buildTestIndex(inputs: readonly TTestItemInput[], params: TCheckParams): TTestIndex {
  const n = params.n;
  const itemTokens = new Int32Array(inputs.length);
  const posStart = new Int32Array(inputs.length + 1);
  const tokenizer = tokenizerFor(params.tokenizer);
  const perItem: { hi: Uint32Array; lo: Uint32Array; show(from: number, to: number): string }[] = [];
  let totalPos = 0;
  for (let i = 0; i < inputs.length; i++) {
    const { hashes, show } = tokenizer.tokenize((inputs[i] as TTestItemInput).text);
    const keys = ngramKeys(hashes, n);
    itemTokens[i] = hashes.length;
    posStart[i] = totalPos;
    totalPos += keys.count;
    perItem.push({ hi: keys.hi, lo: keys.lo, show });
  }
  posStart[inputs.length] = totalPos;

  let capacity = 16;
  while (capacity < totalPos * 2) capacity *= 2;
  const mask = capacity - 1;
  const keyHi = new Uint32Array(capacity);
  const keyLo = new Uint32Array(capacity);
  const slotId = new Int32Array(capacity).fill(-1);
  const posNgram = new Int32Array(totalPos);
  const firstItem: number[] = [];
  const firstPos: number[] = [];
  const ngramItemCount: number[] = [];
  const lastItem: number[] = [];

  for (let i = 0; i < perItem.length; i++) {
    const { hi, lo } = perItem[i] as (typeof perItem)[number];
    for (let p = 0; p < hi.length; p++) {
      const h = hi[p] as number;
      const l = lo[p] as number;
      let slot = (h ^ Math.imul(l, 0x27d4eb2d)) & mask;
      let id = -1;
      for (;;) {
        const s = slotId[slot] as number;
        if (s === -1) {
          id = firstItem.length;
          slotId[slot] = id;
          keyHi[slot] = h;
          keyLo[slot] = l;
          firstItem.push(i);
          firstPos.push(p);
          ngramItemCount.push(0);
          lastItem.push(-1);
          break;
        }
        if (keyHi[slot] === h && keyLo[slot] === l) {
          id = s;
          break;
        }
        slot = (slot + 1) & mask;
      }
      posNgram[posStart[i]! + p] = id;
      if (lastItem[id] !== i) {
        lastItem[id] = i;
        ngramItemCount[id]!++;
      }
    }
  }

  const ngramCount = firstItem.length;
  // 16–32 bits per n-gram (0.3–1 % false positives), between 64 Kbit and 64 Mbit.
  let filterBits = 1 << 16;
  while (filterBits < ngramCount * 16 && filterBits < 1 << 26) filterBits *= 2;
  const filter = new Int32Array(filterBits >>> 5);
  const filterShift = 32 - Math.log2(filter.length);
  for (let slot = 0; slot < capacity; slot++) {
    if (slotId[slot] === -1) continue;
    filter[filterWord(keyHi[slot]!, keyLo[slot]!, filterShift)]! |= filterMask(keyHi[slot]!, keyLo[slot]!);
  }
  const counts = Int32Array.from(ngramItemCount);
  const ngramItemStart = new Int32Array(ngramCount + 1);
  for (let g = 0; g < ngramCount; g++) ngramItemStart[g + 1] = ngramItemStart[g]! + counts[g]!;
  const ngramItems = new Int32Array(ngramItemStart[ngramCount]!);
  const fill = ngramItemStart.slice(0, ngramCount);
  const seen = new Int32Array(ngramCount).fill(-1);
  for (let i = 0; i < perItem.length; i++) {
    for (let q = posStart[i]!; q < posStart[i + 1]!; q++) {
      const g = posNgram[q]!;
      if (seen[g] === i) continue;
      seen[g] = i;
      ngramItems[fill[g]!++] = i;
    }
  }

  const template = new Uint8Array(ngramCount);
  const templateText = new Map<number, string>();
  if (params.templateShare !== null) {
    const limit = params.templateShare * inputs.length;
    for (let g = 0; g < ngramCount; g++) {
      // Shared by at least two items: on a small test set 1 % is under one item, and one item's own text is never template.
      if (counts[g]! > limit && counts[g]! >= 2) {
        template[g] = 1;
        const it = perItem[firstItem[g]!]!;
        templateText.set(g, it.show(firstPos[g]!, firstPos[g]! + n));
      }
    }
  }

  return {
    n,
    items: inputs.map(({ id, task }) => ({ id, task })),
    itemTokens,
    posStart,
    posNgram,
    ngramCount,
    ngramItemCount: counts,
    ngramItemStart,
    ngramItems,
    template,
    templateText,
    filter,
    filterShift,
    keys: { keyHi, keyLo, slotId },
    lookup: lookupIn({ keyHi, keyLo, slotId }),
  };
}
