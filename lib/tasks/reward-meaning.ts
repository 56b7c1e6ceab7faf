/** What a reward means for each held-in task (docs/method.md §1); tasks are open-ended strings. */
const REWARD_MEANINGS: Record<string, string> = {
  os: "1 if the final answer or state is right, else 0",
  db: "1 if the query result is right, else 0",
  alfworld: "1 if the household goal is reached, else 0",
  webshop: "how well the chosen item matches the request (0 to 1)",
  kg: "F1 of the predicted vs the gold answers",
  mind2web: "step success rate against the reference actions",
  hotpotqa: "1 if the answer matches exactly (FireAct reward), else 0",
};

export function rewardMeaning(task: string): string {
  return REWARD_MEANINGS[task] ?? "as defined by the environment that produced this trajectory (0 to 1)";
}
