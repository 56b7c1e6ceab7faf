/**
 * Runs a bulk review action on a worker, in batches that each commit: the
 * batch's decisions (one audit event each), the action's done count and its
 * cursor (the last trajectory id decided) move together. A retried job (its
 * worker killed, or stopped and handed back) resumes after the last committed
 * batch; each batch checks under the action's row lock that the cursor is
 * still where it read it, so no trajectory is decided twice even if two
 * attempts overlap. A cancel is seen at the next batch; committed batches stay.
 */
import { recordAudit } from "@/lib/audit/events";
import { actorId } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import type { TPgRow } from "@/lib/db/row";
import { withTransaction } from "@/lib/db/transaction";
import type { Trajectory } from "@/lib/generated/prisma/client";
import { JobFailedForGood, JobHandedBack, type TJobContext } from "@/lib/jobs/context";
import { filterConditions, whereSql } from "@/lib/trajectories/filters";
import type { TTrajectoryFilter } from "@/lib/trajectories/query";
import type { TBulkJob } from "./bulk-job";
import { applyDecision, reviewRules } from "./decide";

/** BULK_BATCH_SIZE: trajectories decided per transaction (default 200); smaller batches notice a cancel sooner. */
export function bulkBatchSize(value = process.env.BULK_BATCH_SIZE): number {
  if (!value) return 200;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`BULK_BATCH_SIZE: "${value}" is not a whole number of at least 1`);
  return parsed;
}

/** done, cancelled or failed, and how many trajectories the action has decided in all its attempts. */
export type TBulkOutcome = { state: string; decided: number };

type TStep = { ended: TBulkOutcome } | { done: number };

export async function runBulkAction(payload: TBulkJob, job: TJobContext, batchSize = bulkBatchSize()): Promise<TBulkOutcome> {
  const id = payload.bulkActionId;
  const reviewerId = actorId(payload.actor);
  if (reviewerId === null) {
    await prisma().bulkAction.updateMany({ where: { id, state: { in: ["queued", "running"] } }, data: { state: "failed", error: "only a user can review", finishedAt: new Date() } });
    throw new JobFailedForGood("only a user can review");
  }
  // Claimed by this attempt: a queued one starts, a running one (its worker died) resumes.
  const claimed = await prisma().bulkAction.updateManyAndReturn({
    where: { id, state: { in: ["queued", "running"] } },
    data: { state: "running", error: null },
    select: { filter: true, total: true, done: true },
  });
  const action = claimed[0];
  if (!action) return currentOutcome(id);
  const filter = action.filter as TTrajectoryFilter;
  const rules = await reviewRules();
  await job.progress(action.done, action.total, true);
  try {
    for (;;) {
      if (job.stopping()) throw new JobHandedBack();
      const step = await decideBatch(payload, { reviewerId, filter, rules, batchSize });
      if ("ended" in step) {
        await job.progress(step.ended.decided, action.total, true);
        return step.ended;
      }
      await job.progress(step.done, action.total);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (job.lastAttempt && !(error instanceof JobHandedBack)) {
      console.error(`bulk action ${id} failed`, error);
      await prisma().bulkAction.updateMany({ where: { id, state: "running" }, data: { state: "failed", error: message, finishedAt: new Date() } });
    } else {
      // Back to the queue, saying why: the engine runs it again, after the last committed batch.
      await prisma().bulkAction.updateMany({ where: { id, state: "running" }, data: { state: "queued", error: message } });
    }
    throw error;
  }
}

type TBatchSettings = { reviewerId: number; filter: TTrajectoryFilter; rules: Awaited<ReturnType<typeof reviewRules>>; batchSize: number };

/** One batch in one transaction, or the end of the action (done, with its summary; or stopped by a cancel). */
async function decideBatch(payload: TBulkJob, { reviewerId, filter, rules, batchSize }: TBatchSettings): Promise<TStep> {
  const id = payload.bulkActionId;
  const cursor = await prisma().bulkAction.findUnique({ where: { id }, select: { lastId: true } });
  if (!cursor) return { ended: { state: "missing", decided: 0 } };
  // Walking ids upwards keeps the job stable while decisions move rows out of a status filter.
  const params = new SqlParams();
  const conditions = [...filterConditions(filter, params), `t.id > ${params.add(cursor.lastId.toString(), "::bigint")}`];
  const batch = await pool().query<TPgRow<Pick<Trajectory, "id">>>(
    `select t.id::text from trajectories t ${whereSql(conditions)} order by t.id limit ${batchSize}`,
    params.values,
  );
  return withTransaction(async (client): Promise<TStep> => {
    const lockedRows = await client.query<{ state: string; lastId: string; done: number }>(
      'select state, last_id::text as "lastId", done from bulk_actions where id = $1 for update', [id]);
    const locked = lockedRows.rows[0];
    if (!locked || locked.state !== "running") return { ended: { state: locked?.state ?? "missing", decided: locked?.done ?? 0 } };
    // Another attempt committed a batch since the read: read again from its cursor.
    if (locked.lastId !== cursor.lastId.toString()) return { done: locked.done };
    if (batch.rows.length === 0) {
      await client.query("update bulk_actions set state = 'done', finished_at = now() where id = $1", [id]);
      await recordAudit(client, payload.actor, { type: "bulk_action.finished", target: { type: "bulk_action", id }, after: { decision: payload.decision.decision, decided: locked.done } });
      return { ended: { state: "done", decided: locked.done } };
    }
    for (const row of batch.rows) await applyDecision(client, payload.actor, { reviewerId, trajectoryId: row.id, decision: payload.decision, rules });
    const done = locked.done + batch.rows.length;
    await client.query("update bulk_actions set done = $2, last_id = $3 where id = $1", [id, done, batch.rows.at(-1)!.id]);
    return { done };
  });
}

async function currentOutcome(id: number): Promise<TBulkOutcome> {
  const found = await prisma().bulkAction.findUnique({ where: { id }, select: { state: true, done: true } });
  return { state: found?.state ?? "missing", decided: found?.done ?? 0 };
}
