/**
 * The one word-token definition shared by token counts and the contamination
 * check: maximal runs of letters, digits and underscore (any script; the regex
 * `[\p{L}\p{N}_]+` with the u flag). Callers strip control sequences first
 * (stripControlSequences), or escape-sequence parameters like `01;34m` become
 * tokens.
 */
const WORD = /[\p{L}\p{N}_]+/gu;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Word tokens of a text, in order, case preserved. */
export function wordTokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Number of word tokens: same definition as wordTokens, counted in one pass
 * without building the token array (2-3x faster on 100 KB observations; this
 * runs on every turn of every imported trajectory).
 */
export function countWordTokens(text: string): number {
  let count = 0;
  let inWord = false;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    let isWord: boolean;
    if (c < 128) {
      isWord = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < len ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        isWord = WORD_CHAR.test(text.slice(i, i + 2));
        i++;
      } else isWord = false; // lone high surrogate
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      isWord = false; // lone low surrogate
    } else {
      isWord = WORD_CHAR.test(text.charAt(i));
    }
    if (isWord && !inWord) count++;
    inWord = isWord;
  }
  return count;
}
