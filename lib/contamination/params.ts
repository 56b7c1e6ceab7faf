/**
 * Parameters of the n-gram contamination check (docs/method.md §5) and the label
 * rule. Defaults: 10-grams of word tokens, clean below 20 %, dirty above 80 %,
 * n-grams in more than 1 % of the test items discounted as template.
 */
import { UserFacingError } from "@/lib/errors";

export type TContaminationLabel = "clean" | "neither" | "dirty";

/** "word": docs/method.md's word tokens; "bpe": cl100k_base token ids (gpt-tokenizer) of the same normalised text. */
export const TOKENIZERS = ["word", "bpe"] as const;
export type TTokenizerName = (typeof TOKENIZERS)[number];

/** A training dataset a run compares against, as it was when the run started (names are for the report). */
export type TComparedDataset = { id: number; name: string; kind: "agent" | "general" };

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
  tokenizer: TTokenizerName;
  /**
   * The training datasets compared, fixed when the run is created (run-datasets.ts).
   * Absent in runs made before the choice existed: those compared every dataset.
   */
  datasets?: TComparedDataset[];
};

export const DEFAULT_CHECK_PARAMS: TCheckParams = {
  n: 10,
  cleanBelow: 0.2,
  dirtyAbove: 0.8,
  templateShare: 0.01,
  tokenizer: "word",
};

/** A bad check parameter: the message names it, and the API answers 400 with it. */
export class CheckParamError extends UserFacingError {}

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
  if (!Number.isInteger(p.n) || p.n < 1 || p.n > 64) throw new CheckParamError("n must be an integer between 1 and 64");
  if (!(p.cleanBelow >= 0 && p.cleanBelow <= 1)) throw new CheckParamError("clean bound must be within 0..1");
  if (!(p.dirtyAbove >= p.cleanBelow && p.dirtyAbove <= 1)) throw new CheckParamError("dirty bound must be within clean bound..1");
  if (p.templateShare !== null && !(p.templateShare > 0 && p.templateShare <= 1)) {
    throw new CheckParamError("template share must be within (0, 1], or off");
  }
  if (!(TOKENIZERS as readonly string[]).includes(p.tokenizer)) {
    throw new CheckParamError(`tokenizer must be one of ${TOKENIZERS.map((t) => `"${t}"`).join(", ")}, not ${JSON.stringify(p.tokenizer)}`);
  }
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One line for run lists and reports: every parameter that changes the result. */
export function paramsSummary(p: TCheckParams): string {
  const template = p.templateShare === null ? "not discounted" : `> ${p.templateShare * 100} % of items`;
  return `n=${p.n}, ${p.tokenizer === "bpe" ? "BPE (cl100k_base)" : "word"} tokens, clean < ${p.cleanBelow * 100} %, dirty > ${p.dirtyAbove * 100} %, template ${template}`;
}

/** The compared datasets for the report ("all datasets" for runs from before the choice). */
export function datasetsSummary(p: TCheckParams): string {
  if (!p.datasets) return "all datasets (agent and general)";
  if (p.datasets.length === 0) return "no dataset";
  return p.datasets.map((d) => `${d.name} (${d.kind})`).join(", ");
}
