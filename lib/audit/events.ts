import type pg from "pg";
import { actorId, actorLabel, type TActor, type TRequestContext } from "@/lib/access/actor";
import type { TTx } from "@/lib/db/transaction";
import { type AuditEvent, Prisma } from "@/lib/generated/prisma/client";

/** Every audited mutation has a type here; later features add theirs. */
export const AUDIT_EVENT_TYPES = [
  "auth.first_admin_created",
  "auth.sign_in_failed",
  "auth.password_changed",
  "user.created",
  "user.invited",
  "user.invite_revoked",
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
  "bulk_action.cancelled",
  "bulk_action.retried",
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

/** Where the event is written: the mutation's Prisma transaction, or its pg client where it needs COPY. */
export type TAuditWriter = TTx | Pick<pg.PoolClient, "query">;

/**
 * Writes one audit event in the caller's transaction. Anonymous events (a
 * failed sign-in) pass their request context.
 */
export async function recordAudit(
  writer: TAuditWriter,
  actor: TActor | null,
  event: TAuditEvent,
  anonymousContext: TRequestContext = { requestId: null, ip: null },
): Promise<void> {
  const data = auditRow(actor, event, actor?.context ?? anonymousContext);
  if ("auditEvent" in writer) {
    await writer.auditEvent.create({ data: { ...data, before: jsonInput(data.before), after: jsonInput(data.after) } });
    return;
  }
  await writer.query(
    `insert into audit_events (type, actor_id, actor_label, actor_role, target_type, target_id, before, after, request_id, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [data.type, data.actorId, data.actorLabel, data.actorRole, data.targetType, data.targetId,
      data.before === undefined ? null : JSON.stringify(data.before), data.after === undefined ? null : JSON.stringify(data.after),
      data.requestId, data.ip],
  );
}

type TAuditInsert = Omit<AuditEvent, "id" | "createdAt" | "before" | "after"> & { before: unknown; after: unknown };

function auditRow(actor: TActor | null, event: TAuditEvent, context: TRequestContext): TAuditInsert {
  return {
    type: event.type,
    actorId: actor ? actorId(actor) : null,
    actorLabel: actor ? actorLabel(actor) : "anonymous",
    actorRole: actor?.role ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target ? String(event.target.id) : null,
    before: event.before,
    after: event.after,
    requestId: context.requestId,
    ip: context.ip,
  };
}

/** As the pg path stores it: JSON.stringify's view of the value (dates as strings), a JSON null for null. */
function jsonInput(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull | undefined {
  if (value === undefined) return undefined;
  const plain = JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue | null;
  return plain === null ? Prisma.JsonNull : plain;
}
