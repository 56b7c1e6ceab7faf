/**
 * Scan threads must give what a scan on the process's own thread gives: the
 * same per-trajectory figures, matched n-grams and bytes, whichever thread a
 * trajectory lands on and however its texts are split into batches.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "@/demo/random";
import { checkParams } from "./params";
import type { TRangeScanResult, TTextBatch } from "./range-scan";
import { openRangeScan, scanThreadCount } from "./scan-threads";
import { buildTestIndex } from "./test-index";

const WORDS = "list files in the current directory and count lines of every log then print total shop buy lamp".split(" ");
const rng = new Rng(7);
const sentence = (length: number) => Array.from({ length }, () => rng.pick(WORDS)).join(" ");

const ITEMS = Array.from({ length: 40 }, (_, i) => ({ id: `q${i}`, task: "os", text: sentence(30) }));
const PARAMS = checkParams({ n: 5 });
const INDEX = buildTestIndex(ITEMS, PARAMS);

/** 300 trajectories of 1-6 texts: random text, item text copied in, non-ASCII and empty texts (the general path). */
function batches(): TTextBatch[] {
  const all: TTextBatch[] = [];
  let batch: TTextBatch = { ids: [], texts: [] };
  for (let id = 1000; id < 1300; id++) {
    const texts = Array.from({ length: rng.int(1, 6) }, (_, k) =>
      k % 3 === 0 ? rng.pick(ITEMS).text : k % 3 === 1 ? `${sentence(20)} ünïcode [SEP] ${sentence(8)}` : rng.chance(0.8) ? sentence(40) : "",
    );
    for (const text of texts) {
      batch.ids.push(id);
      batch.texts.push(text);
      // Batches end mid-trajectory too, as the turn batches of a range do.
      if (batch.texts.length === 97) all.push(batch), (batch = { ids: [], texts: [] });
    }
  }
  all.push(batch);
  return all;
}

async function scanAll(threads: number, input: TTextBatch[]): Promise<TRangeScanResult> {
  const scan = openRangeScan(INDEX, PARAMS, threads);
  for (const batch of input) await scan.add(batch);
  return scan.finish();
}

describe("contamination scan threads", () => {
  it("give the same figures as a scan on this thread, for any number of threads", async () => {
    const input = batches();
    const inline = await scanAll(0, input);
    expect(inline.trajectories).toHaveLength(300);
    expect(inline.trajectories.filter((t) => t.covered > 0).length).toBeGreaterThan(100);
    expect(inline.matched.length).toBeGreaterThan(0);
    for (const threads of [1, 2, 3]) expect(await scanAll(threads, input)).toEqual(inline);
  });

  it("scan two ranges at once on the same threads without mixing them", async () => {
    const [a, b] = [batches(), batches()];
    const [aloneA, aloneB] = [await scanAll(0, a), await scanAll(0, b)];
    const [together1, together2] = await Promise.all([scanAll(2, a), scanAll(2, b)]);
    expect(together1).toEqual(aloneA);
    expect(together2).toEqual(aloneB);
  });

  it("a dropped scan leaves the threads working for the next one", async () => {
    const input = batches();
    const dropped = openRangeScan(INDEX, PARAMS, 2);
    await dropped.add(input[0]!);
    dropped.drop();
    expect(await scanAll(2, input)).toEqual(await scanAll(0, input));
  });

  it("a scan whose batch the thread cannot scan fails with the thread's error, and the thread goes on", async () => {
    const input = batches();
    const broken = openRangeScan(INDEX, PARAMS, 1);
    // A text that is null: the thread's scanner throws on it.
    await broken.add({ ids: [1], texts: [null as unknown as string] });
    await expect(broken.finish()).rejects.toThrow(/contamination scan thread: .*/);
    expect(await scanAll(1, input)).toEqual(await scanAll(0, input));
  });

  it("a thread that dies mid-scan fails its scans with a message, and the next scan gets a new thread", async () => {
    const input = batches();
    // Tables the thread cannot build an index from: it throws outside any scan, and exits.
    const unusable = { ...INDEX, keys: undefined } as unknown as typeof INDEX;
    const doomed = openRangeScan(unusable, PARAMS, 1);
    const fed = (async () => {
      for (const batch of input) await doomed.add(batch);
      return doomed.finish();
    })();
    await expect(fed).rejects.toThrow(/contamination scan thread failed: /);
    expect(await scanAll(1, input)).toEqual(await scanAll(0, input));
  });

  it("reads CONTAMINATION_SCAN_THREADS, refusing what is not a count", () => {
    expect(scanThreadCount("0")).toBe(0);
    expect(scanThreadCount("3")).toBe(3);
    expect(scanThreadCount(undefined)).toBeGreaterThanOrEqual(1);
    expect(() => scanThreadCount("two")).toThrow(/CONTAMINATION_SCAN_THREADS: "two"/);
  });
});
