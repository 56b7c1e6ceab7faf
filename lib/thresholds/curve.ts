import { passes, TIE_EPSILON, type TNoRewardTreatment } from "./passes";

/**
 * Retention curves from a reward histogram. The histogram comes from one
 * aggregate query (figures.ts): per task, rewards are counted in 0.01-wide
 * buckets, and the buckets that hold an off-grid threshold (2/3, a proposed
 * 0.625) are split by exact reward value. From it, "how many would pass at x"
 * is exact for every x on the 0.01 grid and for every split value, without
 * reading a trajectory again.
 */

export const GRID_STEPS = 100;

export type TStatusCounts = { total: number; accepted: number; rejected: number; pending: number };

/**
 * One group of rewarded trajectories: bucket b holds rewards r with
 * floor((r + ε) · 100) = b, i.e. r in [b/100 − ε, (b+1)/100 − ε); bucket 100
 * holds r ≥ 1 − ε. When `exact` is set, every reward of the group equals it.
 */
export type TRewardBin = TStatusCounts & { bucket: number; exact: number | null };

export type TTaskHistogram = {
  task: string;
  bins: TRewardBin[];
  /** Trajectories without a reward (already-filtered releases): counted apart, treated by the team's setting. */
  noReward: TStatusCounts;
};

/** Kept at threshold x, with the share of the task's trajectories (and of its accepted ones). */
export type TCurvePoint = {
  threshold: number;
  kept: number;
  keptShare: number;
  accepted: number;
  acceptedShare: number;
  /** False when x falls inside a bucket that was not split: then `kept` is a lower bound. */
  exact: boolean;
};

export const ZERO: TStatusCounts = { total: 0, accepted: 0, rejected: 0, pending: 0 };

/** The bucket of a reward, exactly as the SQL computes it (same float arithmetic). */
export function bucketOf(reward: number): number {
  return Math.max(-1, Math.min(GRID_STEPS, Math.floor((reward + TIE_EPSILON) * GRID_STEPS)));
}

/**
 * x on the 0.01 grid: its index; otherwise null. The tolerance only absorbs
 * float rounding (0.29 · 100 = 28.999999999999996), far below TIE_EPSILON, so
 * a grid answer is the exact answer.
 */
export function gridIndex(x: number): number | null {
  const scaled = x * GRID_STEPS;
  const index = Math.round(scaled);
  return Math.abs(scaled - index) < 1e-9 ? index : null;
}

/** The bucket that must be split for counts at x to be exact; null when x is on the grid. */
export function bucketToSplit(x: number): number | null {
  return gridIndex(x) === null ? bucketOf(x) : null;
}

export function addCounts(a: TStatusCounts, b: TStatusCounts): TStatusCounts {
  return { total: a.total + b.total, accepted: a.accepted + b.accepted, rejected: a.rejected + b.rejected, pending: a.pending + b.pending };
}

export function sumCounts(list: TStatusCounts[]): TStatusCounts {
  return list.reduce(addCounts, ZERO);
}

/**
 * Rewarded trajectories with reward ≥ x − ε. `lower` leaves out the rows whose
 * side of x the histogram cannot tell (an unsplit bucket around an off-grid
 * x); `upper` counts them in. Both are equal, and `exact` true, otherwise.
 */
export function keptAt(bins: readonly TRewardBin[], x: number): { lower: TStatusCounts; upper: TStatusCounts; exact: boolean } {
  const index = gridIndex(x);
  let lower = ZERO;
  let unsure = ZERO;
  for (const bin of bins) {
    let verdict: "in" | "out" | "unsure";
    if (bin.exact !== null) verdict = passes(bin.exact, x, "exclude") ? "in" : "out";
    else if (index !== null) verdict = bin.bucket >= index ? "in" : "out";
    else {
      const floor = Math.floor(x * GRID_STEPS);
      verdict = bin.bucket > floor ? "in" : bin.bucket < floor ? "out" : "unsure";
    }
    if (verdict === "in") lower = addCounts(lower, bin);
    else if (verdict === "unsure") unsure = addCounts(unsure, bin);
  }
  return { lower, upper: addCounts(lower, unsure), exact: unsure.total === 0 };
}

/** Trajectories of a task that pass x: rewarded ones at or above it, plus those without reward when the team keeps them. */
export function passingAt(histogram: TTaskHistogram, x: number, noReward: TNoRewardTreatment): TStatusCounts & { exact: boolean } {
  const kept = keptAt(histogram.bins, x);
  return { ...(noReward === "pass" ? addCounts(kept.lower, histogram.noReward) : kept.lower), exact: kept.exact };
}

export function totalsOf(histogram: TTaskHistogram): { all: TStatusCounts; rewarded: TStatusCounts } {
  const rewarded = sumCounts(histogram.bins);
  return { all: addCounts(rewarded, histogram.noReward), rewarded };
}

/**
 * The retention curve: kept trajectories at every threshold of the 0.01 grid
 * from 0 to 1, plus the exact `marks` (current and proposed thresholds), in
 * increasing order. Trajectories without a reward are a constant part of every
 * point when the team keeps them, and of none when it excludes them.
 */
export function retentionCurve(histogram: TTaskHistogram, marks: readonly number[], noReward: TNoRewardTreatment): TCurvePoint[] {
  const { all } = totalsOf(histogram);
  const xs = new Map<string, number>();
  for (let step = 0; step <= GRID_STEPS; step += 1) xs.set((step / GRID_STEPS).toFixed(2), step / GRID_STEPS);
  for (const mark of marks) if (gridIndex(mark) === null) xs.set(String(mark), mark);
  return [...xs.values()]
    .sort((a, b) => a - b)
    .map((threshold) => {
      const kept = passingAt(histogram, threshold, noReward);
      return {
        threshold,
        kept: kept.total,
        keptShare: all.total ? kept.total / all.total : 0,
        accepted: kept.accepted,
        acceptedShare: all.accepted ? kept.accepted / all.accepted : 0,
        exact: kept.exact,
      };
    });
}

/** The reward distribution for display: ten 0.1-wide bars for [0, 1) and one for a reward of exactly 1. */
export function displayHistogram(histogram: TTaskHistogram): { from: number; to: number; count: number; label: string }[] {
  const bars = Array.from({ length: 11 }, (_, index) => ({
    from: index / 10,
    to: index === 10 ? 1 : (index + 1) / 10,
    count: 0,
    label: index === 10 ? "1" : `${(index / 10).toFixed(1)}–${((index + 1) / 10).toFixed(1)}`,
  }));
  for (const bin of histogram.bins) {
    const bucket = bin.exact !== null ? bucketOf(bin.exact) : bin.bucket;
    const bar = bucket >= GRID_STEPS ? 10 : Math.max(0, Math.floor(bucket / 10));
    bars[bar]!.count += bin.total;
  }
  return bars;
}
