/**
 * Normalisation and token hashing for the contamination check (FORMATS.md
 * "Contamination: what to compare"): control bytes stripped, `[SEP]` collapsed,
 * lowercase, word tokens (lib/steps/tokens.ts). Each token becomes two
 * independent 32-bit hashes so n-grams can be keyed by 64 bits without
 * keeping any token string.
 */
import { stripControlSequences } from "@/lib/steps/control";
import { wordTokens } from "@/lib/steps/tokens";

/** `[SEP]` (any case) separates words and is not itself a token; blanked to spaces of the same length so offsets hold. */
const SEP = /\[sep\]/gi;
const WORD = /[\p{L}\p{N}_]+/gu;

/** The text tokens are taken from: control sequences stripped, `[SEP]` blanked. Offsets refer to this text. */
export function checkedText(text: string): string {
  return stripControlSequences(text).replace(SEP, "     ");
}

/** Lowercased per token (not per text), so a token's offsets in checkedText() stay exact. */
export function normalizedTokens(text: string): string[] {
  return wordTokens(checkedText(text)).map((t) => t.toLowerCase());
}

/** Tokens with their [start, end) offsets in checkedText(text). */
export function tokensWithOffsets(text: string): { tokens: string[]; starts: Int32Array; ends: Int32Array } {
  const clean = checkedText(text);
  const tokens: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of clean.matchAll(WORD)) {
    tokens.push(m[0].toLowerCase());
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { tokens, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

export type TTokenHashes = { a: Uint32Array; b: Uint32Array; length: number };

/** FNV-1a and a second FNV-style hash with another basis and prime, over UTF-16 units. */
export function hashTokens(tokens: readonly string[]): TTokenHashes {
  const a = new Uint32Array(tokens.length);
  const b = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    let h1 = 0x811c9dc5;
    let h2 = 0x9e3779b9;
    for (let j = 0; j < t.length; j++) {
      const c = t.charCodeAt(j);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    a[i] = h1 >>> 0;
    b[i] = (h2 ^ t.length) >>> 0;
  }
  return { a, b, length: tokens.length };
}

/**
 * 64-bit n-gram keys (hi, lo) of every window of n tokens, in order: two
 * polynomial rolling hashes mod 2^32 (odd bases) over the token hashes, so each
 * window costs O(1) whatever n is. Computed per text, so windows never cross
 * the boundary between two texts (turns).
 */
export const BASE_HI = 0x01000193;
export const BASE_LO = 0x9e3779b1;

export function ngramKeys(h: TTokenHashes, n: number): { hi: Uint32Array; lo: Uint32Array; count: number } {
  const count = Math.max(0, h.length - n + 1);
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  if (count === 0) return { hi, lo, count };
  // BASE^(n-1), to drop the token leaving the window.
  let powHi = 1;
  let powLo = 1;
  for (let k = 1; k < n; k++) {
    powHi = Math.imul(powHi, BASE_HI);
    powLo = Math.imul(powLo, BASE_LO);
  }
  let x = 0;
  let y = 0;
  for (let k = 0; k < n; k++) {
    x = (Math.imul(x, BASE_HI) + h.a[k]!) | 0;
    y = (Math.imul(y, BASE_LO) + h.b[k]!) | 0;
  }
  hi[0] = x >>> 0;
  lo[0] = y >>> 0;
  for (let s = 1; s < count; s++) {
    x = (Math.imul((x - Math.imul(h.a[s - 1]!, powHi)) | 0, BASE_HI) + h.a[s + n - 1]!) | 0;
    y = (Math.imul((y - Math.imul(h.b[s - 1]!, powLo)) | 0, BASE_LO) + h.b[s + n - 1]!) | 0;
    hi[s] = x >>> 0;
    lo[s] = y >>> 0;
  }
  return { hi, lo, count };
}

/**
 * hashTokens(normalizedTokens(text)) in one pass without building token
 * strings, for the common case of plain ASCII text (no control bytes, no
 * `[SEP]`); anything else takes the general path. Same hashes either way.
 */
let bufA = new Uint32Array(1024);
let bufB = new Uint32Array(1024);

/**
 * ASCII code → its lowercase code if it is a word character ([A-Za-z0-9_]),
 * CONTROL for a control byte (tab and newline excepted), BRACKET for "[" (a
 * `[SEP]` may start there), else 0 (a separator): one table load per character.
 */
export const CONTROL = 1;
export const BRACKET = 2;
export const WORD_CODE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95) WORD_CODE[c] = c;
  else if (c >= 65 && c <= 90) WORD_CODE[c] = c | 0x20;
  else if ((c < 32 && c !== 9 && c !== 10) || c === 127) WORD_CODE[c] = CONTROL;
}
WORD_CODE[91] = BRACKET;
export const SEP_AT = /\[sep\]/iy;

const generalPath = (text: string) => hashTokens(normalizedTokens(text));

/**
 * The returned arrays may be views into buffers reused by the next call (the
 * scan loop hashes turn after turn): use them before calling again.
 */
export function textTokenHashes(text: string): TTokenHashes {
  const max = (text.length >> 1) + 1;
  if (bufA.length < max) {
    bufA = new Uint32Array(max * 2);
    bufB = new Uint32Array(max * 2);
  }
  const a = bufA;
  const b = bufB;
  let count = 0;
  let h1 = 0;
  let h2 = 0;
  let len = 0;
  const table = WORD_CODE;
  const end = text.length;
  for (let i = 0; i <= end; i++) {
    let c = 0; // past the end acts as a space
    if (i < end) {
      const code = text.charCodeAt(i);
      // Non-ASCII, control bytes and [SEP] need the general path (the check does not sit in a separate pre-pass: one read of the text).
      if (code > 127) return generalPath(text);
      c = table[code]!;
      if (c === CONTROL) return generalPath(text);
      if (c === BRACKET) {
        SEP_AT.lastIndex = i;
        if (SEP_AT.test(text)) return generalPath(text);
        c = 0;
      }
    }
    if (c !== 0) {
      if (len === 0) {
        h1 = 0x811c9dc5;
        h2 = 0x9e3779b9;
      }
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
      len++;
    } else if (len > 0) {
      a[count] = h1 >>> 0;
      b[count] = (h2 ^ len) >>> 0;
      count++;
      len = 0;
    }
  }
  return { a: a.subarray(0, count), b: b.subarray(0, count), length: count };
}
