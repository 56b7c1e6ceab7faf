import { describe, expect, it } from "vitest";
import { etaSeconds, formatEta } from "./eta";

const T0 = Date.parse("2026-12-01T12:00:00Z");

describe("etaSeconds", () => {
  it("projects the rate seen since the start onto what is left", () => {
    // 100 of 400 in 10 s: 10 per second, 300 left, 30 s.
    expect(etaSeconds({ done: 100, total: 400 }, { at: T0, done: 0 }, T0 + 10_000)).toBe(30);
    // Measured from a later point: 200 → 300 in 5 s is 20 per second, 100 left, 5 s.
    expect(etaSeconds({ done: 300, total: 400 }, { at: T0, done: 200 }, T0 + 5_000)).toBe(5);
    // Rounds up: 1 of 3 in 1 s leaves 2 s; 2 of 3 in 3 s leaves 1.5 s, shown as 2.
    expect(etaSeconds({ done: 2, total: 3 }, { at: T0, done: 0 }, T0 + 3_000)).toBe(2);
  });

  it("is 0 when everything is done and unknown without a total, progress or elapsed time", () => {
    expect(etaSeconds({ done: 400, total: 400 }, { at: T0, done: 0 }, T0 + 1000)).toBe(0);
    expect(etaSeconds({ done: 5, total: null }, { at: T0, done: 0 }, T0 + 1000)).toBeNull();
    expect(etaSeconds({ done: 0, total: 10 }, { at: T0, done: 0 }, T0 + 1000)).toBeNull();
    expect(etaSeconds({ done: 5, total: 10 }, { at: T0, done: 0 }, T0)).toBeNull();
    expect(etaSeconds({ done: 5, total: 0 }, { at: T0, done: 0 }, T0 + 1000)).toBeNull();
  });
});

describe("formatEta", () => {
  it("says the time left in the largest units that matter", () => {
    expect(formatEta(null)).toBe("");
    expect(formatEta(0)).toBe("finishing");
    expect(formatEta(7)).toBe("about 7 s left");
    expect(formatEta(59)).toBe("about 59 s left");
    expect(formatEta(61)).toBe("about 2 min left");
    expect(formatEta(3599)).toBe("about 60 min left");
    expect(formatEta(3600 + 5 * 60)).toBe("about 1 h 5 min left");
  });
});
