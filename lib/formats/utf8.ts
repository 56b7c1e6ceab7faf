/**
 * UTF-8 validation with positions. The readers decode with a fatal
 * TextDecoder (raw text must be stored exactly, never with U+FFFD in place of
 * bad bytes); only when it refuses a chunk is that chunk scanned here, to name
 * the byte offset of the first invalid sequence.
 */

export type TUtf8Scan = {
  /** Index of the first byte of the first invalid sequence, or -1. */
  invalidAt: number;
  /** Index where a character cut short by the end of the range starts, or -1. */
  incompleteAt: number;
};

/** Scans bytes[from, to) by the WHATWG UTF-8 decoder's rules (no overlongs, surrogates or code points above U+10FFFF). */
export function scanUtf8(bytes: Uint8Array, from = 0, to = bytes.length): TUtf8Scan {
  let i = from;
  while (i < to) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const [need, low, high] = sequenceOf(lead);
    if (need === 0) return { invalidAt: i, incompleteAt: -1 };
    for (let k = 1; k <= need; k++) {
      if (i + k >= to) return { invalidAt: -1, incompleteAt: i };
      const next = bytes[i + k]!;
      if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return { invalidAt: i, incompleteAt: -1 };
    }
    i += need + 1;
  }
  return { invalidAt: -1, incompleteAt: -1 };
}

/** Continuation bytes a lead byte needs, and the range its first continuation byte must be in; need 0: not a lead byte. */
function sequenceOf(lead: number): [need: number, low: number, high: number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [1, 0x80, 0xbf];
  if (lead === 0xe0) return [2, 0xa0, 0xbf];
  if (lead === 0xed) return [2, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [2, 0x80, 0xbf];
  if (lead === 0xf0) return [3, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [3, 0x80, 0xbf];
  if (lead === 0xf4) return [3, 0x80, 0x8f];
  return [0, 0, 0];
}

/** How many bytes at the end of valid UTF-8 start a character still waiting for its continuation bytes (0..3). */
export function heldBytes(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (b < 0x80) return 0;
    const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
    return need >= k ? k : 0;
  }
  return 0;
}

export function invalidUtf8Message(offset: number): string {
  return `invalid UTF-8 at byte offset ${offset}: the raw text cannot be stored exactly`;
}
