/**
 * The bulk review kind: a worker decides everything a bulk action's filter
 * matches (lib/review/bulk-run.ts), batch by batch. A retry resumes after the
 * last committed batch (no trajectory is decided twice); a cancel is noticed
 * at the next batch and keeps the batches committed before it.
 */
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { ZJobActor } from "@/lib/jobs/actor";
import { JobFailedForGood, type TJobContext, type TJobKind } from "@/lib/jobs/context";
import { UserFacingError } from "@/lib/errors";
import { cancelBulkAction } from "./bulk";
import { runBulkAction } from "./bulk-run";
import { ZDecisionInput } from "./reasons";

export const BULK_REVIEW_KIND = "bulk-review";

export const ZBulkJob = z
  .object({
    bulkActionId: z.number().int().positive(),
    actor: ZJobActor,
    decision: ZDecisionInput.omit({ version: true }),
    /** The table filter as a query string: the jobs list links to the trajectories it decides. */
    filterQuery: z.string(),
  })
  .strict();
export type TBulkJob = z.infer<typeof ZBulkJob>;

export const bulkReviewJob: TJobKind<TBulkJob> = {
  name: BULK_REVIEW_KIND,
  payload: ZBulkJob,
  unit: "trajectories",
  scope: "review:write",
  retry: { limit: 3, delaySeconds: 1 },
  timeoutSeconds: 6 * 60 * 60,
  heartbeatSeconds: 10,
  result: (payload) => ({ type: "bulk_action", id: payload.bulkActionId, href: `/trajectories${payload.filterQuery ? `?${payload.filterQuery}` : ""}` }),
  // Cancelling goes through the action, so its record says so too (and is audited).
  async cancel(actor, payload) {
    await cancelBulkAction(actor, payload.bulkActionId);
  },
  // A retried action carries on after its last committed batch: only its state is reset, in the requeuing transaction.
  async beforeRetry(client, actor, payload, jobId) {
    const reset = await client.query(
      "update bulk_actions set state = 'queued', error = null, finished_at = null where id = $1 and state in ('failed', 'cancelled')",
      [payload.bulkActionId],
    );
    if ((reset.rowCount ?? 0) === 0) throw new UserFacingError(`bulk action ${payload.bulkActionId} is not failed or cancelled`);
    await recordAudit(client, actor, { type: "bulk_action.retried", target: { type: "bulk_action", id: payload.bulkActionId }, after: { job: jobId } });
  },
  async run(payload: TBulkJob, context: TJobContext) {
    const outcome = await runBulkAction(payload, context);
    if (outcome.state === "missing") throw new JobFailedForGood(`bulk action ${payload.bulkActionId} no longer exists`);
    return { bulkAction: payload.bulkActionId, state: outcome.state, decided: outcome.decided };
  },
};
