import { describe, expect, it } from "vitest";
import { eventLoopSlicer } from "./event-loop";

/** Synchronous work for about `ms`. */
function busy(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe("eventLoopSlicer", () => {
  it("lets I/O callbacks run during a long loop of synchronous work, once per slice", async () => {
    const breathe = eventLoopSlicer(2);
    let timerFiredAfter: number | null = null;
    setTimeout(() => (timerFiredAfter = units), 0);
    let units = 0;
    for (; units < 40; units++) {
      busy(1);
      await breathe();
    }
    // Without a pause the timer would fire only after all 40 units; with one every ~2 ms, within the first few.
    expect(timerFiredAfter).not.toBeNull();
    expect(timerFiredAfter!).toBeLessThan(10);
  });

  it("does not pause before its slice has passed", async () => {
    const breathe = eventLoopSlicer(60_000);
    expect(breathe()).toBeUndefined();
    busy(2);
    expect(breathe()).toBeUndefined();
  });
});
