/**
 * The rule of docs/method.md §3: a trajectory passes when its reward reaches its
 * task's threshold. Ties pass, and "reaches" tolerates float noise: a reward
 * of 2/3 written as 0.6666666666666666 by one tool and computed as 2/3 by
 * another must pass a 2/3 threshold. The same tolerance is used in SQL and
 * here. Pure: safe in client components.
 */
export const TIE_EPSILON = 1e-9;

export type TNoRewardTreatment = "pass" | "exclude";

/** Whether one reward passes a threshold: ties pass; a missing reward follows the team's setting. */
export function passes(reward: number | null, threshold: number, noReward: TNoRewardTreatment): boolean {
  if (reward === null) return noReward === "pass";
  return reward >= threshold - TIE_EPSILON;
}
