/**
 * The reward and outcome fields of agent-run releases: SWE-Gym / SWE-smith `resolved` (bool),
 * Nebius SWE-agent `target` (bool), and the generic `reward` / `success` / `score`.
 * The first present field (in that order) is the reward, booleans as 1/0; its name is kept so
 * the UI and the export can say what the number meant.
 */
import { FieldError, rewardOf, successFromReward, successOf } from "./record";

export const REWARD_FIELDS = ["resolved", "target", "reward", "success", "score"] as const;

export type TOutcome = {
  reward: number | null;
  success: boolean | null;
  /** The field the reward was read from; `successField` is "success" when that field set the success too. */
  rewardField: (typeof REWARD_FIELDS)[number] | null;
  successField: "success" | null;
};

export function outcomeOf(rec: Record<string, unknown>): TOutcome {
  const field = REWARD_FIELDS.find((name) => rec[name] !== undefined && rec[name] !== null) ?? null;
  if (field === null) return { reward: null, success: null, rewardField: null, successField: null };
  const value = rec[field];
  if (typeof value === "string") throw new FieldError(`${field} must be a number or a boolean, not a string`);
  const reward = rewardOf(value, field);
  const explicit = field !== "success" && rec.success !== undefined && rec.success !== null ? successOf(rec.success, "success") : null;
  const success = explicit ?? (typeof value === "boolean" ? value : successFromReward(reward));
  return { reward, success, rewardField: field, successField: explicit !== null ? "success" : null };
}

