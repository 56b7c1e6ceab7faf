/**
 * Reward written as text: FireAct and NAT fine-tune rows carry no reward field,
 * only a last observation like `Episode finished, reward = True`. Applied to
 * every format after mapping, and only when the record stored no reward.
 */
import type { TNormalizedTrajectory } from "./types";

const REWARD_TEXT = /Episode finished, reward = (True|False|[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/gi;

/** The reward stated in a text, from its last `Episode finished, reward = X`; null if none. */
export function parseRewardText(text: string): { reward: number; success: boolean | null } | null {
  let last: string | undefined;
  for (const match of text.matchAll(REWARD_TEXT)) last = match[1];
  if (last === undefined) return null;
  const word = last.toLowerCase();
  if (word === "true") return { reward: 1, success: true };
  if (word === "false") return { reward: 0, success: false };
  const reward = Number(last);
  if (!Number.isFinite(reward)) return null;
  return { reward, success: reward >= 1 ? true : reward <= 0 ? false : null };
}

/** Fills reward and success from the last user (environment) turn when the record has no reward. */
export function rewardFromText(trajectory: TNormalizedTrajectory): TNormalizedTrajectory {
  if (trajectory.reward !== null) return trajectory;
  const lastUser = trajectory.turns.findLast((t) => t.role === "user");
  const found = lastUser ? parseRewardText(lastUser.text) : null;
  if (found === null) return trajectory;
  return { ...trajectory, reward: found.reward, success: trajectory.success ?? found.success };
}
