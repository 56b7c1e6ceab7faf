import type { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { withTransaction } from "@/lib/db/transaction";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { filterConditions, whereSql } from "@/lib/trajectories/filters";
import type { TTrajectoryFilter } from "@/lib/trajectories/query";
import { applyDecision, reviewRules } from "./decide";
import { ZDecisionInput } from "./reasons";

const BATCH = 200;

/** A bulk decision acts on the latest state of every match, so it carries no version. */
export const ZBulkInput = ZDecisionInput.omit({ version: true });

export type TBulkAction = { id: number; action: string; state: string; total: number; done: number; error: string | null; filter: unknown };

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
  const action = await withTransaction(async (client) => {
    const created = await client.query<{ id: number }>(
      `insert into bulk_actions (action, filter, comment, state, total, created_by_id) values ($1, $2, $3, 'running', $4, $5) returning id`,
      [parsed.decision, JSON.stringify(filter), parsed.comment, total, reviewerId],
    );
    const id = created.rows[0]!.id;
    await recordAudit(client, actor, { type: "bulk_action.created", target: { type: "bulk_action", id }, after: { decision: parsed.decision, reasons: parsed.reasons, filter, total } });
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
      const batch = await pool().query<{ id: string }>(
        `select t.id::text from trajectories t ${whereSql(conditions)} order by t.id limit ${BATCH}`,
        params.values,
      );
      if (batch.rows.length === 0) break;
      await withTransaction(async (client) => {
        for (const row of batch.rows) await applyDecision(client, actor, { reviewerId, trajectoryId: row.id, decision: input, rules });
        await client.query("update bulk_actions set done = done + $2 where id = $1", [id, batch.rows.length]);
      });
      done += batch.rows.length;
      lastId = batch.rows.at(-1)!.id;
    }
    await withTransaction(async (client) => {
      await client.query("update bulk_actions set state = 'done', finished_at = now() where id = $1", [id]);
      await recordAudit(client, actor, { type: "bulk_action.finished", target: { type: "bulk_action", id }, after: { decision: input.decision, decided: done } });
    });
  } catch (error) {
    console.error(`bulk action ${id} failed`, error);
    await pool().query("update bulk_actions set state = 'failed', error = $2, finished_at = now() where id = $1", [id, String((error as Error).message ?? error)]);
  }
}

export async function getBulkAction(actor: TActor, id: number): Promise<TBulkAction> {
  assertCan(actor, "trajectories:read");
  const found = await pool().query("select id, action, state, total, done, error, filter from bulk_actions where id = $1", [id]);
  if (!found.rows[0]) throw new NotFoundError(`no bulk action ${id}`);
  return found.rows[0];
}

/**
 * Bulk actions run inside the server process: one still "running" when the
 * server starts was cut off by a stop or crash. Its decisions so far are kept
 * (each batch commits); it is marked failed so nobody waits on it, and can be
 * started again on the same filter (decided trajectories are simply decided again).
 */
export async function markInterruptedBulkActions(): Promise<number> {
  const result = await pool().query(
    "update bulk_actions set state = 'failed', error = 'interrupted by a server restart: start it again to finish', finished_at = now() where state = 'running'",
  );
  return result.rowCount ?? 0;
}
