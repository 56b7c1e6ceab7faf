/**
 * Outcome and identity fields of tool-calling releases, shared by their readers:
 * the reward under whichever name the release uses (SWE-Gym `resolved`, Nebius
 * `target`, `reward`, `success`, `score`), booleans as 1/0, with the field name
 * kept so an export or a reviewer can tell a test verdict from a graded score;
 * `instance_id` / `run_id` / `model` / `model_name` as external id, run and model.
 * `outcomeOf` is pure: it reads a record and returns values and the keys it
 * consumed; `fillOutcome` writes them onto a trajectory.
 */
import { FieldError, idOf, rewardOf, stringOrNull, successFromReward, successOf } from "./record";
import type { TNormalizedTrajectory } from "./types";

/** In priority order: the first one present is the reward. */
export const REWARD_FIELDS = ["resolved", "target", "reward", "success", "score"] as const;

export type TOutcome = {
  reward: number | null;
  success: boolean | null;
  /** The field the reward came from, for metadata.rewardField; null without a reward. */
  rewardField: (typeof REWARD_FIELDS)[number] | null;
  /** "success" when an explicit success field (other than the reward's own) set the success. */
  successField: "success" | null;
  externalId: string | null;
  runId: string | null;
  sourceModel: string | null;
  /** Record keys read into the values above (to leave out of metadata). */
  consumed: string[];
};

const present = (rec: Record<string, unknown>, key: string) => rec[key] !== undefined && rec[key] !== null;

export function outcomeOf(rec: Record<string, unknown>): TOutcome {
  const consumed: string[] = [];
  const rewardField = REWARD_FIELDS.find((key) => present(rec, key)) ?? null;
  const reward = rewardField === null ? null : rewardOf(rec[rewardField], rewardField);
  if (rewardField !== null) consumed.push(rewardField);

  // an explicit success flag wins; else a boolean verdict is one; else only the unambiguous reward ends
  let success: boolean | null;
  const successField = rewardField !== "success" && present(rec, "success") ? "success" : null;
  if (present(rec, "success")) {
    success = successOf(rec.success, "success");
    consumed.push("success");
  } else if (rewardField !== null && typeof rec[rewardField] === "boolean") {
    success = rec[rewardField] as boolean;
  } else {
    success = successFromReward(reward);
  }

  const externalId = pick(rec, ["instance_id", "id"], idOf, consumed);
  const runId = pick(rec, ["run_id"], idOf, consumed);
  const sourceModel = pick(rec, ["model", "model_name"], stringOrNull, consumed);
  return { reward, success, rewardField, successField, externalId, runId, sourceModel, consumed: [...new Set(consumed)] };
}

/** The first key whose value converts; a present value of the wrong type is an error naming it. */
function pick(
  rec: Record<string, unknown>,
  keys: readonly string[],
  convert: (value: unknown) => string | null,
  consumed: string[],
): string | null {
  for (const key of keys) {
    if (!present(rec, key)) continue;
    const value = convert(rec[key]);
    if (value === null && rec[key] !== "") throw new FieldError(`field "${key}" must be a string`);
    consumed.push(key);
    if (value !== null) return value;
  }
  return null;
}

/**
 * The run fields the readers fill the same way: id (the record's key when it names none), reward,
 * success, model and the task the record names. Returns the outcome for the metadata.
 */
export function fillOutcome(t: TNormalizedTrajectory, rec: Record<string, unknown>, key: string | null): TOutcome {
  const outcome = outcomeOf(rec);
  t.externalId = outcome.externalId ?? key;
  t.reward = outcome.reward;
  t.success = outcome.success;
  t.sourceModel = outcome.sourceModel;
  t.task = stringOrNull(rec.task);
  return outcome;
}

/** Metadata entries describing the outcome: which field held the reward and the run id. */
export function outcomeMetadata(outcome: TOutcome): Record<string, unknown> {
  return {
    ...(outcome.rewardField !== null ? { rewardField: outcome.rewardField } : {}),
    ...(outcome.runId !== null ? { runId: outcome.runId } : {}),
  };
}
