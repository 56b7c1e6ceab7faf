/**
 * The BPE tokenizer option: cl100k_base (GPT-4's vocabulary) from the
 * `gpt-tokenizer` package, pure JS with its vocabulary inside the package, so
 * nothing is fetched at run time. The text is normalised as for word tokens
 * (control sequences stripped, lowercase, `[SEP]` collapsed), and runs of
 * whitespace become one space: BPE tokens carry their leading space, so
 * otherwise a line break or a double space would change every token id after it.
 * For the same reason the text gets a leading space: a test item's first word
 * then has the id it has inside a training turn (" explain", not "explain").
 * N-grams are taken over the token ids.
 */
import { decode, encode } from "gpt-tokenizer/encoding/cl100k_base";
import bpeRanks from "gpt-tokenizer/bpeRanks/cl100k_base";
import { checkedText } from "./tokenize";
import type { TTokenHashes } from "./tokenize";

/** Special-token strings ("<|endoftext|>") in training text are ordinary text here, never an error. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };
const SPACES = /\s+/g;

/** Lowercase; per code point when whole-text lowercasing changes the length (e.g. "İ"), so offsets can be mapped. */
function lower(clean: string): string {
  const whole = clean.toLowerCase();
  if (whole.length === clean.length) return whole;
  let out = "";
  for (const ch of clean) out += ch.toLowerCase();
  return out;
}

/** The text BPE encodes. */
export function bpeNormalized(text: string): string {
  const collapsed = lower(checkedText(text)).replace(SPACES, " ");
  return collapsed.startsWith(" ") ? collapsed : ` ${collapsed}`;
}

/** bpeNormalized(text) with, per UTF-16 unit of it, the [from, to) range it came from in checkedText(text). */
function normalizedWithMap(text: string): { normal: string; from: Int32Array; to: Int32Array } {
  const clean = checkedText(text);
  const lowered = lower(clean);
  // Lowercasing map: identity, or per code point when the length changed.
  const lFrom = new Int32Array(lowered.length);
  const lTo = new Int32Array(lowered.length);
  if (lowered.length === clean.length) {
    for (let i = 0; i < lowered.length; i++) {
      lFrom[i] = i;
      lTo[i] = i + 1;
    }
  } else {
    let u = 0;
    for (let i = 0; i < clean.length; ) {
      const width = clean.codePointAt(i)! > 0xffff ? 2 : 1;
      const units = clean.slice(i, i + width).toLowerCase().length;
      for (let k = 0; k < units; k++, u++) {
        lFrom[u] = i;
        lTo[u] = i + width;
      }
      i += width;
    }
  }
  // Whitespace runs collapse to one space that stands for the whole run.
  const from: number[] = [];
  const to: number[] = [];
  let normal = "";
  let at = 0;
  if (!/^\s/.test(lowered)) {
    // The added leading space stands for nothing in the text.
    normal = " ";
    from.push(0);
    to.push(0);
  }
  const copy = (end: number) => {
    for (let i = at; i < end; i++) {
      from.push(lFrom[i]!);
      to.push(lTo[i]!);
    }
    normal += lowered.slice(at, end);
  };
  for (const m of lowered.matchAll(SPACES)) {
    copy(m.index);
    normal += " ";
    from.push(lFrom[m.index]!);
    to.push(lTo[m.index + m[0].length - 1]!);
    at = m.index + m[0].length;
  }
  copy(lowered.length);
  return { normal, from: Int32Array.from(from), to: Int32Array.from(to) };
}

export function bpeIds(text: string): number[] {
  return encode(bpeNormalized(text), AS_TEXT);
}

/** Two independent 32-bit mixes of a token id (murmur3's finaliser with two seeds). */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function hashIds(ids: readonly number[]): TTokenHashes {
  const a = new Uint32Array(ids.length);
  const b = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    a[i] = mix(ids[i]!, 0x9e3779b9);
    b[i] = mix(ids[i]!, 0x7f4a7c15);
  }
  return { a, b, length: ids.length };
}

export function bpeTokenHashes(text: string): TTokenHashes {
  return hashIds(bpeIds(text));
}

/** A token range as text, for the template list of the report. */
export function showBpe(ids: readonly number[]): string {
  return decode(ids).trim();
}

/** UTF-8 length of every token id (a few hundred cl100k tokens are byte sequences that are not whole characters). */
let tokenBytes: Int32Array | null = null;
function bytesOf(id: number): number {
  if (!tokenBytes) {
    const ranks = bpeRanks as readonly (string | readonly number[])[];
    tokenBytes = new Int32Array(ranks.length);
    ranks.forEach((r, i) => (tokenBytes![i] = typeof r === "string" ? Buffer.byteLength(r) : r.length));
  }
  return tokenBytes[id] ?? 0;
}

const utf8Bytes = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/**
 * Token ids of text with each token's [start, end) in checkedText(text) (the
 * replay's text): from the tokens' UTF-8 lengths back to the normalised text's
 * code points (a token ending inside a character takes the whole character),
 * then through the normalisation map. A token's leading space is left out of
 * its range so highlights start at the word.
 */
export function bpeWithOffsets(text: string): { ids: number[]; starts: Int32Array; ends: Int32Array } {
  const { normal, from, to } = normalizedWithMap(text);
  const ids = encode(normal, AS_TEXT);
  // Code point starts of the normalised text: unit index and UTF-8 offset, with an end sentinel.
  const cpUnit: number[] = [];
  const cpByte: number[] = [];
  let byte = 0;
  for (let u = 0; u < normal.length; ) {
    const cp = normal.codePointAt(u)!;
    cpUnit.push(u);
    cpByte.push(byte);
    byte += utf8Bytes(cp);
    u += cp > 0xffff ? 2 : 1;
  }
  cpUnit.push(normal.length);
  cpByte.push(byte);

  const starts = new Int32Array(ids.length);
  const ends = new Int32Array(ids.length);
  let lo = 0; // last code point starting at or before the token's first byte
  let hi = 0; // first code point starting at or after the token's end byte
  let at = 0;
  for (let k = 0; k < ids.length; k++) {
    const first = at;
    at += bytesOf(ids[k]!);
    while (lo + 1 < cpByte.length && cpByte[lo + 1]! <= first) lo++;
    if (hi < lo) hi = lo;
    while (hi < cpByte.length - 1 && cpByte[hi]! < at) hi++;
    let su = cpUnit[lo]!;
    const eu = cpUnit[hi]!;
    while (su < eu - 1 && normal[su] === " ") su++;
    starts[k] = eu > su ? from[su]! : from[Math.min(su, from.length - 1)] ?? 0;
    ends[k] = eu > su ? to[eu - 1]! : starts[k]!;
  }
  return { ids, starts, ends };
}
