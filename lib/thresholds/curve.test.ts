import { describe, expect, it } from "vitest";
import {
  bucketOf, bucketToSplit, displayHistogram, gridIndex, keptAt, passingAt, retentionCurve, type TRewardBin, type TTaskHistogram, ZERO,
} from "./curve";
import { passes } from "./passes";
import { formatThreshold, parseThresholdValue } from "./value";

type TRow = { reward: number | null; status?: "pending" | "accepted" | "rejected" };

/**
 * Builds the histogram the SQL would return for these rows (same bucketing,
 * buckets in `split` grouped by exact value), so the curve code is tested on
 * hand-made data without a database. figures.test.ts checks the SQL agrees.
 */
function histogramOf(rows: TRow[], split: number[] = []): TTaskHistogram {
  const bins = new Map<string, TRewardBin>();
  const noReward = { ...ZERO };
  for (const row of rows) {
    const status = row.status ?? "pending";
    if (row.reward === null) {
      noReward.total += 1;
      noReward[status] += 1;
      continue;
    }
    const bucket = bucketOf(row.reward);
    const exact = split.includes(bucket) ? row.reward : null;
    const key = `${bucket}:${exact}`;
    const bin = bins.get(key) ?? { ...ZERO, bucket, exact };
    bin.total += 1;
    bin[status] += 1;
    bins.set(key, bin);
  }
  return { task: "t", bins: [...bins.values()], noReward };
}

/** The truth: count rows one by one with the rule itself. */
function brute(rows: TRow[], x: number, noReward: "pass" | "exclude") {
  const kept = rows.filter((row) => passes(row.reward, x, noReward));
  return { total: kept.length, accepted: kept.filter((row) => row.status === "accepted").length };
}

const mind2web: TRow[] = [
  ...Array.from({ length: 6 }, () => ({ reward: 1, status: "accepted" as const })),
  ...Array.from({ length: 18 }, (_, i) => ({ reward: 2 / 3, status: i < 5 ? ("accepted" as const) : ("pending" as const) })),
  ...Array.from({ length: 12 }, () => ({ reward: 0.75 })),
  ...Array.from({ length: 14 }, () => ({ reward: 0.5, status: "rejected" as const })),
  ...Array.from({ length: 12 }, () => ({ reward: 1 / 3 })),
  ...Array.from({ length: 17 }, () => ({ reward: 0 })),
];

describe("ties at the threshold pass", () => {
  it("a reward of 2/3 passes a 2/3 threshold, however each side was computed", () => {
    expect(passes(2 / 3, 2 / 3, "exclude")).toBe(true);
    expect(passes(0.6666666666666666, 0.6666666666666667, "exclude")).toBe(true);
    expect(passes(1 - 1e-12, 1, "exclude")).toBe(true);
    expect(passes(0.1 + 0.2, 0.3, "exclude")).toBe(true);
    expect(passes(0.666, 2 / 3, "exclude")).toBe(false);
    expect(passes(2 / 3, 0.667, "exclude")).toBe(false);
  });

  it("counts exactly at 2/3 once the bucket holding 2/3 is split", () => {
    const histogram = histogramOf(mind2web, [bucketToSplit(2 / 3)!]);
    const at = keptAt(histogram.bins, 2 / 3);
    expect(at.exact).toBe(true);
    expect(at.lower.total).toBe(6 + 18 + 12);
    expect(at.lower.accepted).toBe(6 + 5);
    // Just above 2/3 the 18 step success rates of 2/3 are gone.
    expect(keptAt(histogram.bins, 0.67).lower.total).toBe(6 + 12);
  });

  it("is honest about an off-grid threshold in a bucket that was not split", () => {
    const at = keptAt(histogramOf(mind2web).bins, 2 / 3);
    expect(at.exact).toBe(false);
    expect(at.lower.total).toBe(6 + 12);
    expect(at.upper.total).toBe(6 + 12 + 18);
  });

  it("grid thresholds are exact without any split, at both edges of a bucket", () => {
    const rows: TRow[] = [0.29, 0.3, 0.3, 0.30000000000000004, 0.31, 0.5, 0.99, 1].map((reward) => ({ reward }));
    const histogram = histogramOf(rows);
    for (const x of [0, 0.29, 0.3, 0.31, 0.5, 0.99, 1]) {
      const at = keptAt(histogram.bins, x);
      expect(at.exact, `x = ${x}`).toBe(true);
      expect(at.lower.total, `x = ${x}`).toBe(brute(rows, x, "exclude").total);
    }
  });

  it("agrees with the rule row by row on many rewards and thresholds", () => {
    const rewards = [0, 0.001, 0.125, 0.2, 1 / 3, 0.25, 0.4, 0.45, 0.5, 0.6, 0.625, 2 / 3, 0.7, 0.75, 0.8, 0.875, 0.9, 0.95, 0.999, 1];
    const rows: TRow[] = rewards.flatMap((reward, i) => [{ reward, status: i % 3 === 0 ? "accepted" : "pending" }, { reward }]);
    const thresholds = [0, 0.05, 0.125, 0.2, 1 / 3, 0.5, 0.625, 2 / 3, 0.7, 0.875, 0.95, 0.999, 1];
    const histogram = histogramOf(rows, thresholds.map(bucketToSplit).filter((bucket): bucket is number => bucket !== null));
    for (const x of thresholds) {
      const at = keptAt(histogram.bins, x);
      expect(at.exact, `x = ${x}`).toBe(true);
      expect({ total: at.lower.total, accepted: at.lower.accepted }, `x = ${x}`).toEqual(brute(rows, x, "exclude"));
    }
  });
});

describe("trajectories without a reward", () => {
  const rows: TRow[] = [{ reward: 1 }, { reward: 0.5 }, { reward: null, status: "accepted" }, { reward: null }, { reward: null }];

  it("count as passing at every threshold when the team keeps them, and never when it excludes them", () => {
    const histogram = histogramOf(rows);
    expect(histogram.noReward.total).toBe(3);
    expect(passingAt(histogram, 1, "pass").total).toBe(1 + 3);
    expect(passingAt(histogram, 1, "pass").accepted).toBe(1);
    expect(passingAt(histogram, 1, "exclude").total).toBe(1);
    const keep = retentionCurve(histogram, [], "pass");
    const drop = retentionCurve(histogram, [], "exclude");
    expect(keep.every((point, i) => point.kept === drop[i]!.kept + 3)).toBe(true);
    expect(keep.at(-1)).toMatchObject({ threshold: 1, kept: 4, keptShare: 4 / 5 });
  });

  it("a task with no rewards at all: a flat curve, all or nothing by the setting", () => {
    const histogram = histogramOf([{ reward: null }, { reward: null, status: "rejected" }]);
    expect(histogram.bins).toEqual([]);
    const keep = retentionCurve(histogram, [1], "pass");
    const drop = retentionCurve(histogram, [1], "exclude");
    expect(keep).toHaveLength(101);
    expect(new Set(keep.map((point) => point.kept))).toEqual(new Set([2]));
    expect(new Set(keep.map((point) => point.keptShare))).toEqual(new Set([1]));
    expect(new Set(drop.map((point) => point.kept))).toEqual(new Set([0]));
    expect(displayHistogram(histogram).every((bar) => bar.count === 0)).toBe(true);
  });

  it("an empty task: zeros and no division by zero", () => {
    const curve = retentionCurve({ task: "none", bins: [], noReward: ZERO }, [], "pass");
    expect(curve.every((point) => point.kept === 0 && point.keptShare === 0 && point.acceptedShare === 0)).toBe(true);
  });
});

describe("the retention curve", () => {
  const histogram = histogramOf(mind2web, [bucketToSplit(2 / 3)!]);
  const curve = retentionCurve(histogram, [2 / 3, 0.5], "exclude");

  it("has the 101 grid points from 0 to 1, plus off-grid marks, in order", () => {
    expect(curve).toHaveLength(102);
    expect(curve[0]!.threshold).toBe(0);
    expect(curve.at(-1)!.threshold).toBe(1);
    expect(curve.map((point) => point.threshold)).toEqual([...curve.map((point) => point.threshold)].sort((a, b) => a - b));
    expect(curve.filter((point) => point.threshold === 2 / 3)).toHaveLength(1);
  });

  it("never rises as the threshold rises, for all and for accepted ones", () => {
    for (let i = 1; i < curve.length; i += 1) {
      expect(curve[i]!.kept).toBeLessThanOrEqual(curve[i - 1]!.kept);
      expect(curve[i]!.accepted).toBeLessThanOrEqual(curve[i - 1]!.accepted);
    }
  });

  it("shows the 2/3 cliff of mind2web: 36 kept at 2/3, 18 just above, 6 at 1", () => {
    const at = (x: number) => curve.find((point) => Math.abs(point.threshold - x) < 1e-12)!;
    expect(at(0)).toMatchObject({ kept: 79, keptShare: 1, accepted: 11, acceptedShare: 1 });
    expect(at(2 / 3)).toMatchObject({ kept: 36, accepted: 11, exact: true });
    expect(at(0.67)).toMatchObject({ kept: 18, accepted: 6 });
    expect(at(1)).toMatchObject({ kept: 6, keptShare: 6 / 79, accepted: 6, acceptedShare: 6 / 11 });
  });
});

describe("threshold values", () => {
  it("reads numbers and fractions, and refuses the rest", () => {
    expect(parseThresholdValue("2/3")).toBe(2 / 3);
    expect(parseThresholdValue(" 0.75 ")).toBe(0.75);
    expect(parseThresholdValue(".5")).toBe(0.5);
    expect(parseThresholdValue(1)).toBe(1);
    for (const bad of ["", "abc", "1.5", "-0.1", "3/2", "1/0", "0x1", "1e-3", Number.NaN, null]) expect(parseThresholdValue(bad), String(bad)).toBeNull();
  });

  it("prints 2/3 as a fraction and grid values as decimals", () => {
    expect(formatThreshold(2 / 3)).toBe("2/3");
    expect(formatThreshold(1)).toBe("1");
    expect(formatThreshold(0.75)).toBe("0.75");
    expect(formatThreshold(0.3)).toBe("0.3");
    expect(formatThreshold(0.625)).toBe("0.625");
    expect(formatThreshold(1 / 7)).toBe("1/7");
    expect(formatThreshold(0.61234)).toBe("0.6123");
  });

  it("knows the grid", () => {
    expect(gridIndex(0.29)).toBe(29);
    expect(gridIndex(0.29 + 5e-9)).toBeNull();
    expect(bucketOf(0.29)).toBe(29);
    expect(bucketOf(1)).toBe(100);
    expect(bucketToSplit(0.5)).toBeNull();
    expect(bucketToSplit(2 / 3)).toBe(66);
  });
});
