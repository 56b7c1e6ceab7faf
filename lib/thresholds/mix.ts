/**
 * What a threshold change does to the training mix (docs/method.md §6). The agent
 * part of the mix samples each task by a share of the recipe; a task can give
 * at most its passing trajectories, each used once. Two figures follow:
 *
 * - capacity: the largest mix that keeps every share, N = min over tasks of
 *   passing / share. The task reaching the minimum is the one that limits it.
 * - effective shares at a mix size N: a task that cannot fill its share gives
 *   all it has, and the other tasks fill the gap in proportion to their
 *   shares (as far as they can). Effective share = what a task gives / what
 *   all tasks give (N, unless every task runs out).
 *
 * Pure functions, so the export can use the same arithmetic.
 */

/** The released AgentTuning recipe (docs/method.md §6): each held-in task's share of the agent samples. */
export const DEFAULT_RECIPE_SHARES: Readonly<Record<string, number>> = {
  db: 0.288,
  webshop: 0.188,
  alfworld: 0.18,
  kg: 0.174,
  os: 0.105,
  mind2web: 0.065,
};

export type TCapacity = { size: number; limitedBy: string | null };

/**
 * The largest mix in which every task of the recipe gets its share. Tasks
 * with nothing passing are left out (they would make it 0, and the table
 * shows them as giving nothing); null size when no recipe task has data.
 */
export function recipeCapacity(available: Readonly<Record<string, number>>, shares: Readonly<Record<string, number>>): TCapacity {
  let best: TCapacity = { size: Number.POSITIVE_INFINITY, limitedBy: null };
  for (const [task, share] of Object.entries(shares)) {
    const count = available[task] ?? 0;
    if (share <= 0 || count <= 0) continue;
    const size = Math.floor(count / share + 1e-9);
    if (size < best.size) best = { size, limitedBy: task };
  }
  return Number.isFinite(best.size) ? best : { size: 0, limitedBy: null };
}

export type TFilledShare = { task: string; share: number; wanted: number; taken: number; effectiveShare: number };

/**
 * Fills a mix of `size` samples: each task is offered size × its share; a
 * task with fewer passing trajectories gives them all, and what it cannot give
 * is offered again to the others by their shares, until everyone is full or
 * out of data. Returns one row per task of the recipe.
 */
export function fillShares(available: Readonly<Record<string, number>>, shares: Readonly<Record<string, number>>, size: number): TFilledShare[] {
  const tasks = Object.keys(shares).filter((task) => shares[task]! > 0);
  const taken = new Map<string, number>(tasks.map((task) => [task, 0]));
  let open = [...tasks];
  let remaining = size;
  while (open.length > 0 && remaining > 1e-9) {
    const weight = open.reduce((sum, task) => sum + shares[task]!, 0);
    const short = open.filter((task) => (available[task] ?? 0) - taken.get(task)! < (remaining * shares[task]!) / weight);
    if (short.length === 0) {
      for (const task of open) taken.set(task, taken.get(task)! + (remaining * shares[task]!) / weight);
      remaining = 0;
      break;
    }
    for (const task of short) {
      const rest = Math.max(0, (available[task] ?? 0) - taken.get(task)!);
      taken.set(task, taken.get(task)! + rest);
      remaining -= rest;
    }
    open = open.filter((task) => !short.includes(task));
  }
  const total = tasks.reduce((sum, task) => sum + taken.get(task)!, 0);
  return tasks.map((task) => ({
    task,
    share: shares[task]!,
    wanted: size * shares[task]!,
    taken: taken.get(task)!,
    effectiveShare: total > 0 ? taken.get(task)! / total : 0,
  }));
}

export type TMixRow = {
  task: string;
  before: number;
  after: number;
  /** The recipe's share; 0 for tasks the recipe does not sample. */
  share: number;
  /** At the mix size the current thresholds allow (capacity before). */
  effectiveBefore: number;
  effectiveAfter: number;
};

export type TMixWhatIf = { rows: TMixRow[]; capacityBefore: TCapacity; capacityAfter: TCapacity; size: number };

/**
 * Passing counts per task before and after a change, the recipe's capacity
 * before and after, and each task's effective share in a mix of the size the
 * current thresholds allow (so a task losing data shows its share shrinking,
 * and the others' growing to fill it).
 */
export function mixWhatIf(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
  shares: Readonly<Record<string, number>> = DEFAULT_RECIPE_SHARES,
): TMixWhatIf {
  const capacityBefore = recipeCapacity(before, shares);
  const capacityAfter = recipeCapacity(after, shares);
  const size = capacityBefore.size;
  const filledBefore = new Map(fillShares(before, shares, size).map((row) => [row.task, row.effectiveShare]));
  const filledAfter = new Map(fillShares(after, shares, size).map((row) => [row.task, row.effectiveShare]));
  const tasks = [...new Set([...Object.keys(shares), ...Object.keys(before), ...Object.keys(after)])];
  const rows = tasks
    .map((task) => ({
      task,
      before: before[task] ?? 0,
      after: after[task] ?? 0,
      share: shares[task] ?? 0,
      effectiveBefore: filledBefore.get(task) ?? 0,
      effectiveAfter: filledAfter.get(task) ?? 0,
    }))
    .sort((a, b) => b.share - a.share || a.task.localeCompare(b.task));
  return { rows, capacityBefore, capacityAfter, size };
}
