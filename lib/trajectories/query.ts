import { z } from "zod";

/**
 * The state of the trajectory table, as it lives in the URL: filters, sort,
 * cursor, page size and hidden columns. One schema for the page and the API,
 * so a pasted link and an API call mean the same thing.
 */

export const NO_MODEL = "(none)";
export const STATUSES = ["pending", "accepted", "rejected"] as const;
export const CONTAMINATION_LABELS = ["clean", "neither", "dirty", "unchecked"] as const;
export const PAGE_SIZES = [25, 50, 100, 200] as const;
/** Sortable columns; each has a (column, id) index so keyset pages stay fast. */
export const SORT_KEYS = ["id", "task", "dataset", "model", "reward", "status", "turns", "formatErrors", "updated"] as const;
export const COLUMN_IDS = [
  "id", "dataset", "task", "model", "reward", "passes", "status", "turns", "formatErrors", "contamination", "reviewer", "updated",
] as const;

export type TSortKey = (typeof SORT_KEYS)[number];
export type TColumnId = (typeof COLUMN_IDS)[number];

/** `a,b` or repeated params both give a list; empty strings are dropped. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return values.flatMap((entry) => String(entry).split(",")).map((entry) => entry.trim()).filter(Boolean);
  }, z.array(item).max(100));

const rewardBound = z.coerce.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").optional();
const yesNo = z.enum(["yes", "no"]).optional();

export const ZTrajectoryQuery = z.object({
  task: list(z.string().max(64)),
  dataset: list(z.coerce.number().int().positive()),
  status: list(z.enum(STATUSES)),
  /** Source models; NO_MODEL stands for trajectories whose file named none. */
  model: list(z.string().max(100)),
  contamination: list(z.enum(CONTAMINATION_LABELS)),
  rewardMin: rewardBound,
  rewardMax: rewardBound,
  /** yes: only trajectories without a reward; no: only those with one. */
  noReward: yesNo,
  /** yes: agent trajectories whose reward reaches their task's current threshold (a missing reward as the team set); no: the others. */
  passes: yesNo,
  formatErrors: yesNo,
  loop: yesNo,
  q: z.string().trim().max(200).optional().transform((value) => value || undefined),
  sort: z.enum(SORT_KEYS).default("id"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  after: z.string().max(500).optional(),
  before: z.string().max(500).optional(),
  size: z.coerce.number().pipe(z.union(PAGE_SIZES.map((size) => z.literal(size)))).default(50),
  hide: list(z.enum(COLUMN_IDS)),
});

export type TTrajectoryQuery = z.output<typeof ZTrajectoryQuery>;

/** Parses URLSearchParams or Next's searchParams object. */
export function parseTrajectoryQuery(
  input: URLSearchParams | Record<string, string | string[] | undefined>,
): ReturnType<typeof ZTrajectoryQuery.safeParse> {
  const record = input instanceof URLSearchParams ? searchParamsRecord(input) : input;
  return ZTrajectoryQuery.safeParse(record);
}

/** Like Next's searchParams: a string per key, an array when the key repeats. */
function searchParamsRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}

const DEFAULTS = ZTrajectoryQuery.parse({});

/** The shortest URL query for a state: defaults and empty lists are left out. */
export function toSearchParams(query: Partial<TTrajectoryQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(","));
      continue;
    }
    if (value === DEFAULTS[key as keyof TTrajectoryQuery]) continue;
    params.set(key, String(value));
  }
  return params;
}

/** The filter part only (no sort, cursor or view): what "select all matching" acts on. */
export function filterOf(query: TTrajectoryQuery) {
  const { sort: _sort, dir: _dir, after: _after, before: _before, size: _size, hide: _hide, ...filter } = query;
  return filter;
}
export type TTrajectoryFilter = ReturnType<typeof filterOf>;

/** The filter of a table URL's query string (for queues and bulk actions started from the table); throws on bad input. */
export function filterFromSearch(search: string): TTrajectoryFilter {
  const parsed = parseTrajectoryQuery(new URLSearchParams(search));
  if (!parsed.success) throw parsed.error;
  return filterOf(parsed.data);
}
