import type { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import type { TPgRow } from "@/lib/db/row";
import { inTransaction } from "@/lib/db/transaction";
import type { BulkAction, Prisma, Trajectory } from "@/lib/generated/prisma/client";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { filterConditions, whereSql } from "@/lib/trajectories/filters";
import type { TTrajectoryFilter } from "@/lib/trajectories/query";
import { applyDecision, reviewRules } from "./decide";
import { ZDecisionInput } from "./reasons";

const BATCH = 200;

/** A bulk decision acts on the latest state of every match, so it carries no version. */
export const ZBulkInput = ZDecisionInput.omit({ version: true });

const BULK_ACTION_SELECT = { id: true, action: true, state: true, total: true, done: true, error: true, filter: true } as const satisfies Prisma.BulkActionSelect;
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
 * ids), as a background job: one audit event per trajectory, plus one for the
 * action and one summary. Returns at once with the action to poll.
 */
export async function startBulkAction(actor: TActor, filter: TTrajectoryFilter, input: z.input<typeof ZBulkInput>): Promise<TBulkAction> {
  assertCan(actor, "review:write");
  const reviewerId = actorId(actor);
  if (reviewerId === null) throw new UserFacingError("only a user can review");
  const parsed = ZBulkInput.parse(input);
  const total = await countFilter(filter);
  if (total === 0) throw new UserFacingError("no trajectory matches this filter");
  const action = await inTransaction(async (tx) => {
    const { id } = await tx.bulkAction.create({
      // The filter as JSON.stringify sees it (undefined fields dropped).
      data: {
        action: parsed.decision, filter: JSON.parse(JSON.stringify(filter)) as Prisma.InputJsonValue, comment: parsed.comment,
        state: "running", total, createdById: reviewerId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, { type: "bulk_action.created", target: { type: "bulk_action", id }, after: { decision: parsed.decision, reasons: parsed.reasons, filter, total } });
    return { id, action: parsed.decision, state: "running", total, done: 0, error: null, filter };
  });
  void runBulkAction(actor, reviewerId, action.id, filter, parsed);
  return action;
}

async function runBulkAction(actor: TActor, reviewerId: number, id: number, filter: TTrajectoryFilter, input: z.output<typeof ZBulkInput>) {
  const rules = await reviewRules();
  let lastId = "0";
  let done = 0;
  try {
    for (;;) {
      // Walking ids upwards keeps the job stable while decisions move rows out of a status filter.
      const params = new SqlParams();
      const conditions = [...filterConditions(filter, params), `t.id > ${params.add(lastId, "::bigint")}`];
      const batch = await pool().query<TPgRow<Pick<Trajectory, "id">>>(
        `select t.id::text from trajectories t ${whereSql(conditions)} order by t.id limit ${BATCH}`,
        params.values,
      );
      if (batch.rows.length === 0) break;
      await inTransaction(async (tx) => {
        for (const row of batch.rows) await applyDecision(tx, actor, { reviewerId, trajectoryId: row.id, decision: input, rules });
        await tx.bulkAction.update({ where: { id }, data: { done: { increment: batch.rows.length } } });
      });
      done += batch.rows.length;
      lastId = batch.rows.at(-1)!.id;
    }
    await inTransaction(async (tx) => {
      await tx.bulkAction.update({ where: { id }, data: { state: "done", finishedAt: new Date() } });
      await recordAudit(tx, actor, { type: "bulk_action.finished", target: { type: "bulk_action", id }, after: { decision: input.decision, decided: done } });
    });
  } catch (error) {
    console.error(`bulk action ${id} failed`, error);
    await prisma().bulkAction.update({ where: { id }, data: { state: "failed", error: String((error as Error).message ?? error), finishedAt: new Date() } });
  }
}

export async function getBulkAction(actor: TActor, id: number): Promise<TBulkAction> {
  assertCan(actor, "trajectories:read");
  const found = await prisma().bulkAction.findUnique({ where: { id }, select: BULK_ACTION_SELECT });
  if (!found) throw new NotFoundError(`no bulk action ${id}`);
  return found;
}

/**
 * Bulk actions run inside the server process: one still "running" when the
 * server starts was cut off by a stop or crash. Its decisions so far are kept
 * (each batch commits); it is marked failed so nobody waits on it, and can be
 * started again on the same filter (decided trajectories are simply decided again).
 */
export async function markInterruptedBulkActions(): Promise<number> {
  const result = await prisma().bulkAction.updateMany({
    where: { state: "running" },
    data: { state: "failed", error: "interrupted by a server restart: start it again to finish", finishedAt: new Date() },
  });
  return result.count;
}
