import { z } from "zod";

/**
 * What a reviewer decides, shared by the server (decide, bulk) and the review
 * panel: client-safe, so nothing here may import the database.
 */
export const REVIEW_REASONS = ["wrong answer", "ungrounded thought", "format error", "loop", "unsafe action", "contaminated", "other"] as const;
export type TReviewReason = (typeof REVIEW_REASONS)[number];

export const ZDecisionInput = z.object({
  decision: z.enum(["accepted", "rejected"]),
  reasons: z.array(z.enum(REVIEW_REASONS)).max(REVIEW_REASONS.length).default([]),
  comment: z.string().trim().max(2000).nullish().transform((value) => value || null),
  /** The trajectory version the reviewer saw; a newer one means someone decided meanwhile. */
  version: z.number().int().min(0),
});
export type TDecisionInput = z.input<typeof ZDecisionInput>;
