/**
 * Choosing demo test items that the contamination check labels as intended
 * (verbatim dirty, template-only clean) with its default parameters. On a
 * 60-item test set, template discounting (> 1 % of the items, at least two)
 * treats every n-gram found in two test items as template. So:
 *  - a template-only item's wording must also occur in another test item, or
 *    wording it shares with training (but with no other item) looks like a leak
 *    and the item comes out "neither";
 *  - verbatim items must not share most of their text with other items (two
 *    copies of one instruction, two alfworld rooms with the same furniture), or
 *    discounting hides the leak.
 * Benchmarks use each template for many items and rarely repeat a whole
 * question, so this keeps the demo realistic. Both tokenizers (word and BPE)
 * are checked: their n-grams cover different stretches of text.
 */
import { DEFAULT_CHECK_PARAMS, TOKENIZERS } from "@/lib/contamination/params";
import { tokenizerFor } from "@/lib/contamination/tokenizers";
import { ngramKeys } from "@/lib/contamination/tokenize";

/** Share of a verbatim item's tokens that must stay covered by n-grams of its own (dirty needs > 80 %; margin for template items). */
const SOLO_COVERAGE = 0.9;

/** The check's n-gram keys of a text for one tokenizer (prefixed with it), in order, and the token count. */
function windowsOf(text: string, tokenizer: (typeof TOKENIZERS)[number]): { keys: string[]; tokens: number } {
  const { hashes } = tokenizerFor(tokenizer).tokenize(text);
  const k = ngramKeys(hashes, DEFAULT_CHECK_PARAMS.n);
  return { keys: Array.from({ length: k.count }, (_, s) => `${tokenizer}:${k.hi[s]}:${k.lo[s]}`), tokens: hashes.length };
}

/** Every n-gram key of a text, for both tokenizers. */
export function demoNgrams(text: string): Set<string> {
  return new Set(TOKENIZERS.flatMap((t) => windowsOf(text, t).keys));
}

/** How many chosen items contain each n-gram. */
class ItemCounts {
  private readonly counts = new Map<string, number>();

  add(text: string): void {
    for (const g of demoNgrams(text)) this.counts.set(g, (this.counts.get(g) ?? 0) + 1);
  }

  has(gram: string): boolean {
    return this.counts.has(gram);
  }

  /**
   * Share of the (already added) item's tokens inside n-grams no other item has
   * (what stays a match after discounting), the lower of the two tokenizers.
   */
  soloCoverage(text: string, extra: ReadonlySet<string> = new Set()): number {
    const n = DEFAULT_CHECK_PARAMS.n;
    return Math.min(
      ...TOKENIZERS.map((tokenizer) => {
        const { keys, tokens } = windowsOf(text, tokenizer);
        let covered = 0;
        let until = 0;
        keys.forEach((g, s) => {
          if (this.counts.get(g) !== 1 || extra.has(g)) return;
          covered += s + n - Math.max(s, until);
          until = s + n;
        });
        return tokens === 0 ? 0 : covered / tokens;
      }),
    );
  }
}

/** Up to `want` instructions, distinct, each keeping most of its n-grams to itself. */
export function pickVerbatim<T extends { instruction: string }>(rows: readonly T[], want: number): T[] {
  const chosen: T[] = [];
  const texts = new Set<string>();
  for (const row of rows) {
    if (chosen.length === want) break;
    if (texts.has(row.instruction)) continue;
    const trial = new ItemCounts();
    for (const c of [...chosen, row]) trial.add(c.instruction);
    if ([...chosen, row].every((c) => trial.soloCoverage(c.instruction) >= SOLO_COVERAGE)) {
      chosen.push(row);
      texts.add(row.instruction);
    }
  }
  return chosen;
}

/**
 * `want` template-only questions from `candidates`: a candidate is taken if
 * every n-gram it shares with the training instructions also occurs in another
 * item of the set, or together with a partner candidate that has them; never
 * at the cost of a verbatim item's own n-grams.
 */
export function pickTemplateItems(
  candidates: readonly string[],
  set: { verbatim: readonly string[]; others: readonly string[] },
  training: ReadonlySet<string>,
  want: number,
): string[] {
  const counts = new ItemCounts();
  for (const text of [...set.verbatim, ...set.others]) counts.add(text);
  const pool = candidates.map((text) => ({ text, grams: demoNgrams(text) }));
  const trainingOnly = (c: (typeof pool)[number], partner?: ReadonlySet<string>) =>
    [...c.grams].some((g) => training.has(g) && !counts.has(g) && !partner?.has(g));
  const keepsVerbatim = (grams: ReadonlySet<string>) => set.verbatim.every((v) => counts.soloCoverage(v, grams) >= SOLO_COVERAGE);
  const chosen: string[] = [];
  const passed: string[] = [];
  while (chosen.length < want && pool.length > 0) {
    const c = pool.shift()!;
    if (!trainingOnly(c) && keepsVerbatim(c.grams)) {
      chosen.push(c.text);
      counts.add(c.text);
      continue;
    }
    const at =
      want - chosen.length >= 2
        ? pool.findIndex((p) => !trainingOnly(c, p.grams) && !trainingOnly(p, c.grams) && keepsVerbatim(new Set([...c.grams, ...p.grams])))
        : -1;
    if (at === -1) {
      passed.push(c.text);
      continue;
    }
    const [p] = pool.splice(at, 1);
    chosen.push(c.text, p!.text);
    counts.add(c.text);
    counts.add(p!.text);
  }
  // Too few candidates qualified (a tiny training set): fill up rather than change the shape.
  return [...chosen, ...passed].slice(0, want);
}
