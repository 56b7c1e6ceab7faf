/**
 * Parameters of the n-gram contamination check (METHOD.md §5) and the label
 * rule. Defaults: 10-grams, clean below 20 %, dirty above 80 %, n-grams in more
 * than 1 % of the test items discounted as template.
 */
export type TContaminationLabel = "clean" | "neither" | "dirty";

export type TCheckParams = {
  n: number;
  /** A rate strictly below this is clean. */
  cleanBelow: number;
  /** A rate strictly above this is dirty. */
  dirtyAbove: number;
  /**
   * N-grams found in more than this share of the test items are template: listed
   * in the report, never counted as matches. null turns discounting off.
   */
  templateShare: number | null;
  /** Only "word" for now: METHOD.md's word tokens. */
  tokenizer: "word";
};

export const DEFAULT_CHECK_PARAMS: TCheckParams = {
  n: 10,
  cleanBelow: 0.2,
  dirtyAbove: 0.8,
  templateShare: 0.01,
  tokenizer: "word",
};

/**
 * Exact at the bounds: c / t and the literal 0.2 round to the same double when
 * c / t is exactly 1/5, so 2 of 10 tokens is "neither", not clean.
 */
export function labelFor(rate: number, params: Pick<TCheckParams, "cleanBelow" | "dirtyAbove">): TContaminationLabel {
  if (rate < params.cleanBelow) return "clean";
  if (rate > params.dirtyAbove) return "dirty";
  return "neither";
}

export function checkParams(input: Partial<TCheckParams> = {}): TCheckParams {
  const p = { ...DEFAULT_CHECK_PARAMS, ...stripUndefined(input) };
  if (!Number.isInteger(p.n) || p.n < 1 || p.n > 64) throw new RangeError("n must be an integer between 1 and 64");
  if (!(p.cleanBelow >= 0 && p.cleanBelow <= 1)) throw new RangeError("clean bound must be within 0..1");
  if (!(p.dirtyAbove >= p.cleanBelow && p.dirtyAbove <= 1)) throw new RangeError("dirty bound must be within clean bound..1");
  if (p.templateShare !== null && !(p.templateShare > 0 && p.templateShare <= 1)) {
    throw new RangeError("template share must be within (0, 1], or off");
  }
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
