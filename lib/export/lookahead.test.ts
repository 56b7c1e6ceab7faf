/**
 * The export's read pipeline: more than one batch loads while the consumer
 * works, never more than asked, in order, and a consumer that stops early
 * leaves no load running.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { loadAhead } from "./lookahead";

async function* numbers(count: number): AsyncGenerator<number> {
  for (let i = 0; i < count; i++) {
    await sleep(1);
    yield i;
  }
}

function trackedLoad() {
  const state = { running: 0, maxRunning: 0, finished: 0 };
  const load = async (n: number) => {
    state.running += 1;
    state.maxRunning = Math.max(state.maxRunning, state.running);
    await sleep(15);
    state.running -= 1;
    state.finished += 1;
    return n * 10;
  };
  return { state, load };
}

describe("loadAhead", () => {
  it("loads two batches side by side while the consumer works, and yields them in order", async () => {
    const { state, load } = trackedLoad();
    const seen: number[] = [];
    for await (const { batch, loaded } of loadAhead(numbers(8), load, 2)) {
      expect(loaded).toBe(batch * 10);
      seen.push(batch);
      await sleep(40); // transforming and writing: slower than a load
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(state.maxRunning).toBe(2);
  });

  it("never has more than `ahead` loads running, whatever the consumer's speed", async () => {
    const { state, load } = trackedLoad();
    let count = 0;
    for await (const _ of loadAhead(numbers(10), load, 3)) count += 1;
    expect(count).toBe(10);
    expect(state.maxRunning).toBeLessThanOrEqual(3);
    expect(state.maxRunning).toBeGreaterThan(1);
  });

  it("a consumer that stops early waits for the loads already started", async () => {
    const { state, load } = trackedLoad();
    for await (const { batch } of loadAhead(numbers(10), load, 2)) if (batch === 1) break;
    expect(state.running).toBe(0);
    expect(state.finished).toBeLessThanOrEqual(4);
  });

  it("a failing load surfaces at its turn, after the batches before it", async () => {
    const seen: number[] = [];
    const failing = async (n: number) => {
      if (n === 2) throw new Error("load 2 failed");
      await sleep(5);
      return n;
    };
    await expect(
      (async () => {
        for await (const { batch } of loadAhead(numbers(5), failing, 2)) seen.push(batch);
      })(),
    ).rejects.toThrow("load 2 failed");
    expect(seen).toEqual([0, 1]);
  });
});
