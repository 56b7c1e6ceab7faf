/**
 * The check's tokenizer parameter: what the test index, the scan and the
 * replay spans call, so the three always agree on the tokens of a text.
 */
import { bpeIds, bpeTokenHashes, bpeWithOffsets, hashIds, showBpe } from "./bpe";
import type { TTokenizerName } from "./params";
import { hashTokens, normalizedTokens, textTokenHashes, tokensWithOffsets, type TTokenHashes } from "./tokenize";

export type TTokenizer = {
  /** The scan's hot path: hashes of a training turn's tokens (may be views into buffers reused by the next call). */
  hashes(text: string): TTokenHashes;
  /** A test item: owned hashes, and tokens [from, to) as text for the template list. */
  tokenize(text: string): { hashes: TTokenHashes; show(from: number, to: number): string };
  /** The replay: hashes and each token's [start, end) in stripControlSequences(text). */
  withOffsets(text: string): { hashes: TTokenHashes; starts: Int32Array; ends: Int32Array };
};

const word: TTokenizer = {
  hashes: textTokenHashes,
  tokenize(text) {
    const tokens = normalizedTokens(text);
    return { hashes: hashTokens(tokens), show: (from, to) => tokens.slice(from, to).join(" ") };
  },
  withOffsets(text) {
    const { tokens, starts, ends } = tokensWithOffsets(text);
    return { hashes: hashTokens(tokens), starts, ends };
  },
};

const bpe: TTokenizer = {
  hashes: bpeTokenHashes,
  tokenize(text) {
    const ids = bpeIds(text);
    return { hashes: hashIds(ids), show: (from, to) => showBpe(ids.slice(from, to)) };
  },
  withOffsets(text) {
    const { ids, starts, ends } = bpeWithOffsets(text);
    return { hashes: hashIds(ids), starts, ends };
  },
};

export function tokenizerFor(name: TTokenizerName | undefined): TTokenizer {
  return name === "bpe" ? bpe : word;
}
