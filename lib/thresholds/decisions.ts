import type pg from "pg";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { getSetting } from "@/lib/settings/settings";
import { AGENT_DATASETS_SQL } from "./figures";
import { ZThresholdValue } from "./value";

/**
 * Proposals and decisions: a reviewer proposes a threshold with a reason,
 * teammates comment, an admin applies or declines. Every applied change is a
 * threshold_changes row (who, when, old, new, why) and one audit event, in
 * the transaction that changes the threshold.
 */

const ZReason = z.string().trim().min(3, "say why, in a few words at least").max(2000);
const ZTask = z.string().trim().min(1).max(64);

export const ZProposalInput = z.object({ value: ZThresholdValue, reason: ZReason });
export const ZCommentInput = z.object({ body: z.string().trim().min(1, "write something").max(4000) });
/** `version`: the task's threshold version the admin looked at; a newer one means someone changed it meanwhile. */
export const ZApplyInput = z.object({ note: z.string().trim().max(2000).nullish().transform((value) => value || null), version: z.number().int().min(0).optional() });
export const ZDeclineInput = z.object({ note: z.string().trim().min(3, "say why it is declined").max(2000) });
export const ZSetThresholdInput = z.object({ value: ZThresholdValue, reason: ZReason, version: z.number().int().min(0).optional() });

export type TProposalInput = z.input<typeof ZProposalInput>;
export type TApplyInput = z.input<typeof ZApplyInput>;
export type TSetThresholdInput = z.input<typeof ZSetThresholdInput>;

export type TAppliedChange = { task: string; oldValue: number; newValue: number; version: number; changeId: number };

function userIdOf(actor: TActor, what: string): number {
  const id = actorId(actor);
  if (id === null) throw new UserFacingError(`only a signed-in user can ${what}`);
  return id;
}

/** A task is known when it has agent trajectories or a threshold of its own. */
async function assertKnownTask(client: Pick<pg.PoolClient, "query">, task: string): Promise<void> {
  const found = await client.query(
    `select 1 from task_thresholds where task = $1
     union all select 1 from trajectories t where t.task = $1 and ${AGENT_DATASETS_SQL}
     limit 1`,
    [task],
  );
  if (!found.rowCount) throw new NotFoundError(`no agent trajectories of task "${task}"`);
}

export async function proposeThreshold(actor: TActor, task: string, input: TProposalInput): Promise<{ id: number }> {
  assertCan(actor, "thresholds:propose");
  const proposedBy = userIdOf(actor, "propose a threshold");
  const name = ZTask.parse(task);
  const { value, reason } = ZProposalInput.parse(input);
  return withTransaction(async (client) => {
    await assertKnownTask(client, name);
    const created = await client.query<{ id: number }>(
      "insert into threshold_proposals (task, value, reason, proposed_by_id) values ($1, $2, $3, $4) returning id",
      [name, value, reason, proposedBy],
    );
    const id = created.rows[0]!.id;
    await recordAudit(client, actor, { type: "threshold.proposed", target: { type: "threshold_proposal", id }, after: { task: name, value, reason } });
    return { id };
  });
}

export async function commentOnProposal(actor: TActor, proposalId: number, input: z.input<typeof ZCommentInput>): Promise<{ id: number }> {
  assertCan(actor, "thresholds:propose");
  const authorId = userIdOf(actor, "comment");
  const { body } = ZCommentInput.parse(input);
  return withTransaction(async (client) => {
    const proposal = await client.query<{ task: string }>("select task from threshold_proposals where id = $1", [proposalId]);
    if (!proposal.rows[0]) throw new NotFoundError(`no threshold proposal ${proposalId}`);
    const created = await client.query<{ id: number }>(
      "insert into threshold_comments (proposal_id, author_id, body) values ($1, $2, $3) returning id",
      [proposalId, authorId, body],
    );
    const id = created.rows[0]!.id;
    await recordAudit(client, actor, {
      type: "threshold.commented",
      target: { type: "threshold_proposal", id: proposalId },
      after: { task: proposal.rows[0].task, commentId: id, body },
    });
    return { id };
  });
}

/** Applies an open proposal: the task's threshold becomes its value. */
export async function applyProposal(actor: TActor, proposalId: number, input: TApplyInput = {}): Promise<TAppliedChange> {
  assertCan(actor, "thresholds:apply");
  const { note, version } = ZApplyInput.parse(input);
  return withTransaction(async (client) => {
    const proposal = await lockOpenProposal(client, proposalId);
    const change = await writeThreshold(client, actor, {
      task: proposal.task,
      value: proposal.value,
      reason: note ? `${proposal.reason}\n\nApplied: ${note}` : proposal.reason,
      proposalId,
      expectedVersion: version,
    });
    await client.query(
      "update threshold_proposals set state = 'applied', decided_by_id = $2, decided_at = now(), decision_note = $3 where id = $1",
      [proposalId, actorId(actor), note],
    );
    return change;
  });
}

export async function declineProposal(actor: TActor, proposalId: number, input: z.input<typeof ZDeclineInput>): Promise<void> {
  assertCan(actor, "thresholds:apply");
  const { note } = ZDeclineInput.parse(input);
  await withTransaction(async (client) => {
    const proposal = await lockOpenProposal(client, proposalId);
    await client.query(
      "update threshold_proposals set state = 'declined', decided_by_id = $2, decided_at = now(), decision_note = $3 where id = $1",
      [proposalId, actorId(actor), note],
    );
    await recordAudit(client, actor, {
      type: "threshold.declined",
      target: { type: "threshold_proposal", id: proposalId },
      before: { state: "open" },
      after: { state: "declined", task: proposal.task, value: proposal.value, note },
    });
  });
}

/** An admin sets a task's threshold directly, with a reason (no proposal). */
export async function setThreshold(actor: TActor, task: string, input: TSetThresholdInput): Promise<TAppliedChange> {
  assertCan(actor, "thresholds:apply");
  const name = ZTask.parse(task);
  const { value, reason, version } = ZSetThresholdInput.parse(input);
  return withTransaction(async (client) => {
    await assertKnownTask(client, name);
    return writeThreshold(client, actor, { task: name, value, reason, proposalId: null, expectedVersion: version });
  });
}

async function lockOpenProposal(client: pg.PoolClient, proposalId: number) {
  const found = await client.query<{ task: string; value: number; reason: string; state: string }>(
    "select task, value, reason, state from threshold_proposals where id = $1 for update",
    [proposalId],
  );
  const proposal = found.rows[0];
  if (!proposal) throw new NotFoundError(`no threshold proposal ${proposalId}`);
  if (proposal.state !== "open") throw new ConflictError(`proposal ${proposalId} was already ${proposal.state}`);
  return proposal;
}

/**
 * The one write path of a threshold. The task's row is locked (created first
 * at version 0 with the default when the task had none), so concurrent
 * changes queue up: each records the value the previous one left as its old
 * value, and none is lost. The version goes up by one per change.
 */
async function writeThreshold(
  client: pg.PoolClient,
  actor: TActor,
  change: { task: string; value: number; reason: string; proposalId: number | null; expectedVersion: number | undefined },
): Promise<TAppliedChange> {
  const fallback = await getSetting("thresholds.defaultForOtherTasks");
  await client.query(
    "insert into task_thresholds (task, threshold, version, updated_at) values ($1, $2, 0, now()) on conflict (task) do nothing",
    [change.task, fallback],
  );
  const locked = await client.query<{ threshold: number; version: number }>(
    "select threshold, version from task_thresholds where task = $1 for update",
    [change.task],
  );
  const current = locked.rows[0]!;
  if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
    throw new ConflictError(
      `the threshold of ${change.task} changed since you looked (now version ${current.version}, value ${current.threshold}): reload and decide again`,
    );
  }
  const version = current.version + 1;
  await client.query("update task_thresholds set threshold = $2, version = $3, updated_at = now() where task = $1", [change.task, change.value, version]);
  const inserted = await client.query<{ id: number }>(
    `insert into threshold_changes (task, old_value, new_value, version, reason, proposal_id, actor_id, actor_label)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [change.task, current.threshold, change.value, version, change.reason, change.proposalId, actorId(actor), actorLabel(actor)],
  );
  await recordAudit(client, actor, {
    type: "threshold.changed",
    target: { type: "task_threshold", id: change.task },
    before: { threshold: current.threshold, version: current.version },
    after: { threshold: change.value, version, reason: change.reason, proposalId: change.proposalId },
  });
  return { task: change.task, oldValue: current.threshold, newValue: change.value, version, changeId: inserted.rows[0]!.id };
}

/** The task a proposal is about, or null: lets a route under /thresholds/:task answer 404 for another task's proposal. */
export async function proposalTask(actor: TActor, proposalId: number): Promise<string | null> {
  assertCan(actor, "trajectories:read");
  const found = await pool().query<{ task: string }>("select task from threshold_proposals where id = $1", [proposalId]);
  return found.rows[0]?.task ?? null;
}
