/**
 * Contamination check throughput: the typed-array implementation (lib/contamination)
 * against a plain reference of the same rule (a Set of n-gram strings), on the
 * same synthetic training text in the same process, checking both give the same
 * per-item contaminated token counts.
 *
 *   npx tsx scripts/bench-contamination.ts [--mb 1024] [--items 10000]
 *
 * Training text is a pool of generated turns (some carrying test items
 * verbatim or in part) cycled until --mb of text has been scanned, so both
 * implementations see identical input and generation costs nothing. It is fed
 * in memory, not streamed from PostgreSQL: this measures the check, not the DB.
 */
import { parseArgs } from "node:util";
import { Rng } from "../lib/demo/random";
import { checkParams } from "../lib/contamination/params";
import { Scanner } from "../lib/contamination/scan";
import { scoreItems } from "../lib/contamination/score";
import { buildTestIndex } from "../lib/contamination/test-index";
import { normalizedTokens } from "../lib/contamination/tokenize";

const { values } = parseArgs({ options: { mb: { type: "string", default: "1024" }, items: { type: "string", default: "10000" } } });
const TOTAL_BYTES = Number(values.mb) * 1024 * 1024;
const ITEMS = Number(values.items);
const rng = new Rng(42);
const VOCAB = Array.from({ length: 20000 }, (_, i) => `w${i.toString(36)}${"aeiou"[i % 5]}`);
const words = (k: number) => Array.from({ length: k }, () => VOCAB[Math.floor(rng.next() ** 2 * VOCAB.length)]!).join(" ");

const items = Array.from({ length: ITEMS }, (_, i) => ({ id: `t${i}`, task: `task${i % 6}`, text: `Task ${i % 6} question: read the following carefully and answer it in one short sentence. ${words(rng.int(20, 80))}` }));
const pool: string[] = [];
for (let i = 0; i < 20000; i++) {
  let text = words(rng.int(100, 600));
  if (i % 50 === 0) text += ` ${items[rng.int(0, ITEMS - 1)]!.text}`; // verbatim leak
  if (i % 37 === 0) text += ` ${items[rng.int(0, ITEMS - 1)]!.text.split(" ").slice(0, 15).join(" ")}`; // partial
  pool.push(text);
}
const poolBytes = pool.map((t) => Buffer.byteLength(t));
const params = checkParams();

function* turns(): Generator<{ trajectory: number; text: string; bytes: number }> {
  let bytes = 0;
  for (let k = 0; bytes < TOTAL_BYTES; k++) {
    const i = k % pool.length;
    bytes += poolBytes[i]!;
    yield { trajectory: Math.floor(k / 8), text: pool[i]!, bytes: poolBytes[i]! };
  }
}

const mb = (b: number) => b / 1024 / 1024;
const rssMb = () => process.resourceUsage().maxRSS / 1024;

function fast() {
  const start = performance.now();
  const index = buildTestIndex(items, params);
  const scanner = new Scanner(index, params);
  let bytes = 0;
  let current = -1;
  for (const t of turns()) {
    if (t.trajectory !== current) {
      if (current !== -1) scanner.end();
      current = t.trajectory;
      scanner.begin(current);
    }
    scanner.turn(t.text);
    bytes += t.bytes;
  }
  if (current !== -1) scanner.end();
  const result = scoreItems(index, scanner.matched, params).map((r) => r.contaminated);
  return { seconds: (performance.now() - start) / 1000, bytes, result, templates: index.templateText.size };
}

/** The rule written plainly: n-gram strings in Sets, no hashing, no typed arrays. */
function reference() {
  const start = performance.now();
  const n = params.n;
  const itemTokens = items.map((it) => normalizedTokens(it.text));
  const itemsPer = new Map<string, Set<number>>();
  itemTokens.forEach((toks, i) => {
    for (let s = 0; s + n <= toks.length; s++) {
      const g = toks.slice(s, s + n).join(" ");
      let set = itemsPer.get(g);
      if (!set) itemsPer.set(g, (set = new Set()));
      set.add(i);
    }
  });
  const template = new Set([...itemsPer].filter(([, set]) => set.size > params.templateShare! * ITEMS && set.size >= 2).map(([g]) => g));
  const matched = new Set<string>();
  let bytes = 0;
  for (const t of turns()) {
    const toks = normalizedTokens(t.text);
    for (let s = 0; s + n <= toks.length; s++) {
      const g = toks.slice(s, s + n).join(" ");
      if (itemsPer.has(g)) matched.add(g);
    }
    bytes += t.bytes;
  }
  const result = itemTokens.map((toks) => {
    const covered = new Uint8Array(toks.length);
    for (let s = 0; s + n <= toks.length; s++) {
      const g = toks.slice(s, s + n).join(" ");
      if (matched.has(g) && !template.has(g)) covered.fill(1, s, s + n);
    }
    return covered.reduce((a, b) => a + b, 0);
  });
  return { seconds: (performance.now() - start) / 1000, bytes, result, templates: template.size };
}

console.log(`training text: ${mb(TOTAL_BYTES).toFixed(0)} MB (pool of ${pool.length} turns, ${mb(poolBytes.reduce((a, b) => a + b, 0)).toFixed(1)} MB, cycled); test items: ${ITEMS}; n=${params.n}`);
const baseRss = rssMb();
const a = fast();
const rssFast = rssMb();
console.log(`typed arrays : ${a.seconds.toFixed(1)} s, ${(mb(a.bytes) / a.seconds).toFixed(1)} MB/s, peak RSS ${rssFast.toFixed(0)} MB (before: ${baseRss.toFixed(0)} MB), ${a.templates} template n-grams`);
const b = reference();
const rssRef = rssMb();
console.log(`reference    : ${b.seconds.toFixed(1)} s, ${(mb(b.bytes) / b.seconds).toFixed(1)} MB/s, peak RSS ${rssRef.toFixed(0)} MB (includes the run above), ${b.templates} template n-grams`);
const same = a.result.length === b.result.length && a.result.every((x, i) => x === b.result[i]);
const dirtyish = a.result.filter((x) => x > 0).length;
console.log(`same per-item contaminated tokens: ${same} (${dirtyish} items with any match); speed-up ${(b.seconds / a.seconds).toFixed(1)}x`);
if (!same) process.exit(1);
