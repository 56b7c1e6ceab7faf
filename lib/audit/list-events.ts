import { z } from "zod";
import { assertCan, type TActor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";

export const ZAuditQuery = z.object({
  type: z.string().max(64).optional().transform((value) => value || undefined),
  actor: z.string().max(200).optional().transform((value) => value || undefined),
  target: z.string().max(200).optional().transform((value) => value || undefined),
  /** Keyset: events older than this id. */
  before: z.string().regex(/^\d+$/).optional(),
});
export type TAuditQuery = z.output<typeof ZAuditQuery>;

export type TAuditRow = {
  id: string; type: string; actorLabel: string; actorRole: string | null; targetType: string | null; targetId: string | null;
  before: unknown; after: unknown; requestId: string | null; ip: string | null; createdAt: Date;
};

const PAGE = 100;

/** Newest first, filtered by type, actor (email) and target id; admins only. */
export async function listAuditEvents(actor: TActor, query: TAuditQuery): Promise<{ rows: TAuditRow[]; older: string | null }> {
  assertCan(actor, "audit:read");
  const params = new SqlParams();
  const conditions: string[] = [];
  if (query.type) conditions.push(`type = ${params.add(query.type)}`);
  if (query.actor) conditions.push(`actor_label = ${params.add(query.actor.toLowerCase())}`);
  if (query.target) conditions.push(`target_id = ${params.add(query.target)}`);
  if (query.before) conditions.push(`id < ${params.add(query.before, "::bigint")}`);
  const result = await pool().query(
    `select id::text, type, actor_label, actor_role, target_type, target_id, before, after, request_id, ip, created_at
       from audit_events ${conditions.length ? `where ${conditions.join(" and ")}` : ""}
      order by id desc limit ${PAGE + 1}`,
    params.values,
  );
  const rows = result.rows.slice(0, PAGE).map((row) => ({
    id: row.id, type: row.type, actorLabel: row.actor_label, actorRole: row.actor_role, targetType: row.target_type,
    targetId: row.target_id, before: row.before, after: row.after, requestId: row.request_id, ip: row.ip, createdAt: row.created_at,
  }));
  return { rows, older: result.rows.length > PAGE ? rows.at(-1)!.id : null };
}
