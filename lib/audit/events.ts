import type pg from "pg";
import { actorId, actorLabel, type TActor, type TRequestContext } from "@/lib/auth/actor";

/** Every audited mutation has a type here; later features add theirs. */
export const AUDIT_EVENT_TYPES = [
  "auth.first_admin_created",
  "auth.sign_in_failed",
  "auth.password_changed",
  "user.created",
  "user.invited",
  "user.role_changed",
  "user.deactivated",
  "user.reactivated",
  "token.created",
  "token.revoked",
  "dataset.imported",
  "dataset.deleted",
  "setting.changed",
  "trajectory.accepted",
  "trajectory.rejected",
  "thought.rewritten",
  "thought.reverted",
  "step.critical_marked",
  "bulk_action.created",
  "bulk_action.finished",
  "threshold.proposed",
  "threshold.commented",
  "threshold.changed",
  "threshold.declined",
  "testset.imported",
  "contamination.run_started",
  "contamination.run_finished",
  "export_recipe.saved",
  "export.created",
  "export.finished",
  "export.cancelled",
  "export.deleted",
  "export.retried",
] as const;
export type TAuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export type TAuditEvent = {
  type: TAuditEventType;
  target?: { type: string; id: string | number | bigint };
  before?: unknown;
  after?: unknown;
};

type TQueryable = Pick<pg.PoolClient, "query">;

/**
 * Writes one audit event with the caller's client: inside the caller's
 * transaction. Anonymous events (a failed sign-in) pass their request context.
 */
export async function recordAudit(
  client: TQueryable,
  actor: TActor | null,
  event: TAuditEvent,
  anonymousContext: TRequestContext = { requestId: null, ip: null },
): Promise<void> {
  const context = actor?.context ?? anonymousContext;
  await client.query(
    `insert into audit_events (type, actor_id, actor_label, actor_role, target_type, target_id, before, after, request_id, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      event.type,
      actor ? actorId(actor) : null,
      actor ? actorLabel(actor) : "anonymous",
      actor?.role ?? null,
      event.target?.type ?? null,
      event.target ? String(event.target.id) : null,
      event.before === undefined ? null : JSON.stringify(event.before),
      event.after === undefined ? null : JSON.stringify(event.after),
      context.requestId,
      context.ip,
    ],
  );
}
