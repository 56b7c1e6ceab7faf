import type { ReviewDecision, TrajectoryStatus } from "@/lib/generated/prisma/enums";

/**
 * A trajectory's status from its reviews (oldest first), by the team's rule:
 * "first": the first decision wins; "majority": once `required` reviews exist,
 * the majority decides and a tie stays pending.
 */
export function statusFromReviews(decisions: ReviewDecision[], rule: "first" | "majority", required: number): TrajectoryStatus {
  if (decisions.length === 0) return "pending";
  if (rule === "first") return decisions[0]!;
  if (decisions.length < required) return "pending";
  const accepted = decisions.filter((decision) => decision === "accepted").length;
  const rejected = decisions.length - accepted;
  return accepted === rejected ? "pending" : accepted > rejected ? "accepted" : "rejected";
}
