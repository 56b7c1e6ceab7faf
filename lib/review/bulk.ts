/**
 * Bulk review actions as the API and pages see them: start ("decide all
 * matching this filter"), read, cancel. A worker runs the decisions as a job
 * of the engine (lib/review/bulk-job.ts, lib/review/bulk-run.ts), in batches
 * that each commit; the web server only records the action and enqueues it.
 */
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { inTransaction } from "@/lib/db/transaction";
import type { BulkAction, Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { cancelJob, jobsInTransaction, sendJob } from "@/lib/jobs/engine";
import { filterConditions, whereSql } from "@/lib/trajectories/filters";
import { toSearchParams, type TTrajectoryFilter } from "@/lib/trajectories/query";
import { BULK_REVIEW_KIND, bulkReviewJob } from "./bulk-job";
import { ZDecisionInput } from "./reasons";

/** A bulk decision acts on the latest state of every match, so it carries no version. */
export const ZBulkInput = ZDecisionInput.omit({ version: true });

const BULK_ACTION_SELECT = { id: true, action: true, state: true, total: true, done: true, error: true, filter: true, jobId: true } as const satisfies Prisma.BulkActionSelect;
/** state: queued, running, done, failed, cancelled (a cancel keeps the batches committed before it). */
export type TBulkAction = Omit<Pick<BulkAction, keyof typeof BULK_ACTION_SELECT>, "filter"> & { filter: unknown };

async function countFilter(filter: TTrajectoryFilter): Promise<number> {
  const params = new SqlParams();
  const result = await pool().query<{ n: number }>(
    `select count(*)::int as n from trajectories t ${whereSql(filterConditions(filter, params))}`,
    params.values,
  );
  return result.rows[0]!.n;
}

/**
 * Decides every trajectory matching a table filter (the filter, never a list of
 * ids), as a job for the workers: one audit event per trajectory, plus one for
 * the action and one summary. Returns at once with the action to poll.
 */
export async function startBulkAction(actor: TActor, filter: TTrajectoryFilter, input: z.input<typeof ZBulkInput>): Promise<TBulkAction> {
  assertCan(actor, "review:write");
  const reviewerId = actorId(actor);
  if (reviewerId === null) throw new UserFacingError("only a user can review");
  const parsed = ZBulkInput.parse(input);
  const total = await countFilter(filter);
  if (total === 0) throw new UserFacingError("no trajectory matches this filter");
  return inTransaction(async (tx) => {
    const { id } = await tx.bulkAction.create({
      // The filter as JSON.stringify sees it (undefined fields dropped).
      data: {
        action: parsed.decision, filter: JSON.parse(JSON.stringify(filter)) as Prisma.InputJsonValue, comment: parsed.comment,
        state: "queued", total, createdById: reviewerId,
      },
      select: { id: true },
    });
    // Enqueued in this transaction: the job exists if and only if the action does.
    const payload = { bulkActionId: id, actor, decision: parsed, filterQuery: toSearchParams(filter).toString() };
    const jobId = await sendJob(bulkReviewJob, payload, jobsInTransaction(tx));
    await tx.bulkAction.update({ where: { id }, data: { jobId } });
    await recordAudit(tx, actor, { type: "bulk_action.created", target: { type: "bulk_action", id }, after: { decision: parsed.decision, reasons: parsed.reasons, filter, total, job: jobId } });
    return { id, action: parsed.decision, state: "queued", total, done: 0, error: null, filter, jobId };
  });
}

export async function getBulkAction(actor: TActor, id: number): Promise<TBulkAction> {
  assertCan(actor, "trajectories:read");
  const found = await prisma().bulkAction.findUnique({ where: { id }, select: BULK_ACTION_SELECT });
  if (!found) throw new NotFoundError(`no bulk action ${id}`);
  return found;
}

/**
 * Cancels a queued or running bulk action (audited). The batches committed
 * before it stay decided: a cancel stops the rest, it undoes nothing. The
 * running job sees it at its next batch (it waits here for the batch under way).
 */
export async function cancelBulkAction(actor: TActor, id: number): Promise<TBulkAction> {
  assertCan(actor, "review:write");
  await inTransaction(async (tx) => {
    const updated = await tx.bulkAction.updateManyAndReturn({
      where: { id, state: { in: ["queued", "running"] } },
      data: { state: "cancelled", finishedAt: new Date() },
      select: { jobId: true, done: true },
    });
    const cancelled = updated[0];
    if (!cancelled) {
      await getBulkAction(actor, id); // 404 if it does not exist
      throw new UserFacingError(`bulk action ${id} is not queued or running`);
    }
    if (cancelled.jobId) await cancelJob(BULK_REVIEW_KIND, cancelled.jobId, jobsInTransaction(tx));
    await recordAudit(tx, actor, { type: "bulk_action.cancelled", target: { type: "bulk_action", id }, after: { decidedBefore: cancelled.done } });
  });
  return getBulkAction(actor, id);
}
