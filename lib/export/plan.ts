/**
 * How many samples each task and each general-data group gives to a mix
 * (docs/method.md §6), from how many eligible trajectories each has. Pure, so the
 * form's live counts, the export job and the tests share one arithmetic.
 *
 * - Agent samples A: every eligible one (size "allAgent", shares then natural),
 *   or round(total × eta), split by the task shares. A task short of its share
 *   gives what it has (cap), or repeats its trajectories up to maxRepeats times
 *   each (replace); what it cannot give goes to the others by their shares.
 * - General samples G: total − A, or A × (1 − eta) / eta; a gpt4Share of them
 *   from GPT-4 conversations, the rest from the others. Eta is the primary
 *   target: a group short of its part gives what it has and the other group
 *   fills the gap; the effective GPT-4 share (and eta, when both run short) is
 *   reported.
 */
import { fillShares } from "@/lib/thresholds/mix";
import type { TRecipe } from "./recipe";

/** Code-point order: the same on every machine and locale (localeCompare is not), since ties decide who gets a sample. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same object with its keys sorted: float sums over shares then do not depend on the order a recipe was written in. */
function sortedKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byCodePoint(a, b)));
}

export type TAvailability = {
  /** Eligible agent trajectories per task. */
  agent: Readonly<Record<string, number>>;
  /** Eligible general conversations: GPT-4 ones and all others (GPT-3.5, unknown). */
  general: { gpt4: number; other: number };
};

export type TTaskPlan = {
  task: string;
  available: number;
  /** The share asked for, normalised over the tasks in the mix. */
  share: number;
  /** Samples taken: unique trajectories plus repeats. */
  quota: number;
  unique: number;
  repeats: number;
  effectiveShare: number;
};

/** wanted: the group's part of the general samples; quota: what it gives (more than wanted when it fills the other group's gap). */
export type TGroupPlan = { available: number; wanted: number; quota: number };

export type TMixPlan = {
  agent: TTaskPlan[];
  agentTotal: number;
  general: { gpt4: TGroupPlan; other: TGroupPlan; total: number };
  total: number;
  eta: { requested: number; effective: number };
  gpt4Share: { requested: number; effective: number };
  /** Plain sentences for the form and the manifest: short tasks, tasks left out. */
  notes: string[];
};

export function planMix(available: TAvailability, recipe: Pick<TRecipe, "shares" | "eta" | "size" | "general">): TMixPlan {
  const notes: string[] = [];
  const shares = sortedKeys(sharesFor(sortedKeys(available.agent), recipe, notes));
  const totalAvailable = Object.values(available.agent).reduce((sum, n) => sum + n, 0);
  const agentWanted = recipe.size.mode === "total" ? Math.round(recipe.size.total * recipe.eta) : totalAvailable;
  const capacity = capacityFor(available.agent, recipe);
  const quotas = integerQuotas(fillShares(capacity, shares, agentWanted), capacity);

  const weight = Object.values(shares).reduce((sum, share) => sum + share, 0);
  const agentTotal = Object.values(quotas).reduce((sum, n) => sum + n, 0);
  const agent = Object.keys(shares)
    .map((task) => {
      const quota = quotas[task] ?? 0;
      const unique = Math.min(quota, available.agent[task] ?? 0);
      return {
        task,
        available: available.agent[task] ?? 0,
        share: weight > 0 ? shares[task]! / weight : 0,
        quota,
        unique,
        repeats: quota - unique,
        effectiveShare: agentTotal > 0 ? quota / agentTotal : 0,
      };
    })
    .sort((a, b) => b.share - a.share || byCodePoint(a.task, b.task));
  // A task is short when it gave all it could and that was less than its share (not when it lost a rounding remainder);
  // tasks with nothing eligible already have their note (from sharesFor).
  for (const row of agent) {
    const short = row.quota === (capacity[row.task] ?? 0) && row.quota < agentWanted * row.share - 0.5;
    if (row.available > 0 && (row.repeats > 0 || short)) notes.push(shortNote(row, recipe));
  }
  if (recipe.size.mode === "total" && agentTotal < agentWanted) notes.push(`only ${agentTotal} of the ${agentWanted} agent samples asked for exist`);

  const generalWanted =
    recipe.size.mode === "total" ? recipe.size.total - agentWanted : Math.round((agentTotal * (1 - recipe.eta)) / recipe.eta);
  const { gpt4, other } = generalGroups(available.general, generalWanted, recipe.general.gpt4Share);
  const generalTotal = gpt4.quota + other.quota;
  const total = agentTotal + generalTotal;
  const gpt4Share = { requested: recipe.general.gpt4Share, effective: generalTotal > 0 ? gpt4.quota / generalTotal : 0 };
  notes.push(...generalNotes(gpt4, other, gpt4Share));
  return {
    agent,
    agentTotal,
    general: { gpt4, other, total: generalTotal },
    total,
    eta: { requested: recipe.eta, effective: total > 0 ? agentTotal / total : 0 },
    gpt4Share,
    notes,
  };
}

/**
 * The general samples split into GPT-4 and other conversations. Eta comes
 * first: a group short of its part gives all it has and the other group fills
 * the gap as far as its data goes; only then is the GPT-4 share off (noted).
 */
function generalGroups(available: TAvailability["general"], wanted: number, gpt4Share: number): { gpt4: TGroupPlan; other: TGroupPlan } {
  const gpt4Wanted = Math.round(wanted * gpt4Share);
  const otherWanted = wanted - gpt4Wanted;
  const gpt4Own = Math.min(available.gpt4, gpt4Wanted);
  const otherOwn = Math.min(available.other, otherWanted);
  return {
    gpt4: { available: available.gpt4, wanted: gpt4Wanted, quota: Math.min(available.gpt4, Math.max(0, wanted - otherOwn)) },
    other: { available: available.other, wanted: otherWanted, quota: Math.min(available.other, Math.max(0, wanted - gpt4Own)) },
  };
}

function generalNotes(gpt4: TGroupPlan, other: TGroupPlan, share: TMixPlan["gpt4Share"]): string[] {
  const notes: string[] = [];
  const shareNote = `so the GPT-4 share is ${share.effective.toFixed(3)} (${share.requested} asked)`;
  const filled = (extra: number, from: string) => (extra > 0 ? `: ${extra} more from ${from}, ${shareNote}` : "");
  if (gpt4.available < gpt4.wanted) {
    notes.push(`general data: ${gpt4.wanted} GPT-4 conversations wanted, ${gpt4.available} eligible${filled(other.quota - other.wanted, "other general data")}`);
  }
  if (other.available < other.wanted) {
    notes.push(`general data: ${other.wanted} GPT-3.5/other conversations wanted, ${other.available} eligible${filled(gpt4.quota - gpt4.wanted, "GPT-4 data")}`);
  }
  return notes;
}

/** The shares in force: the recipe's (tasks without data noted), or each task's own size. */
function sharesFor(available: Readonly<Record<string, number>>, recipe: Pick<TRecipe, "shares" | "size">, notes: string[]): Record<string, number> {
  const natural = recipe.shares.mode === "natural" || recipe.size.mode === "allAgent";
  if (natural) return Object.fromEntries(Object.entries(available).filter(([, n]) => n > 0));
  const shares = Object.fromEntries(Object.entries(recipe.shares.values).filter(([, share]) => share > 0));
  for (const task of Object.keys(shares)) if ((available[task] ?? 0) === 0) notes.push(`${task}: no eligible trajectories, its share goes to the other tasks`);
  for (const [task, n] of Object.entries(available)) {
    if (n > 0 && !(task in shares)) notes.push(`${task}: ${n} eligible trajectories left out (no share in the recipe)`);
  }
  return shares;
}

/** How many samples a task can give at most: each trajectory once, or maxRepeats times when sampling with replacement. */
function capacityFor(available: Readonly<Record<string, number>>, recipe: Pick<TRecipe, "shares" | "size">): Record<string, number> {
  const repeats = recipe.size.mode === "total" && recipe.shares.whenShort === "replace" ? recipe.shares.maxRepeats : 1;
  return Object.fromEntries(Object.entries(available).map(([task, n]) => [task, n * repeats]));
}

/**
 * Whole samples from the fractional fill: floors, then the remaining samples
 * to the largest fractions (ties by task name, so it is deterministic), never
 * beyond a task's capacity.
 */
function integerQuotas(filled: ReturnType<typeof fillShares>, capacity: Readonly<Record<string, number>>): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const row of filled) quotas[row.task] = Math.floor(row.taken + 1e-9);
  const target = Math.round(filled.reduce((sum, row) => sum + row.taken, 0));
  let missing = target - Object.values(quotas).reduce((sum, n) => sum + n, 0);
  const byFraction = [...filled].sort((a, b) => b.taken - Math.floor(b.taken + 1e-9) - (a.taken - Math.floor(a.taken + 1e-9)) || byCodePoint(a.task, b.task));
  for (const row of byFraction) {
    if (missing <= 0) break;
    if (quotas[row.task]! < (capacity[row.task] ?? 0)) {
      quotas[row.task]! += 1;
      missing -= 1;
    }
  }
  return quotas;
}

function shortNote(row: TTaskPlan, recipe: Pick<TRecipe, "shares">): string {
  if (row.repeats > 0) return `${row.task}: ${row.available} eligible, repeated to give ${row.quota} samples (at most ${recipe.shares.maxRepeats}× each)`;
  return `${row.task}: only ${row.available} eligible, below its share: it gives them all and the other tasks fill the gap`;
}
