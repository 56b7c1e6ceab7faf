import { z } from "zod";
import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { decodeCursor, encodeCursor, type TCursor } from "@/lib/db/cursor";

export const ZAuditQuery = z.object({
  type: z.string().max(64).optional().transform((value) => value || undefined),
  actor: z.string().max(200).optional().transform((value) => value || undefined),
  target: z.string().max(200).optional().transform((value) => value || undefined),
  /** Keyset: events older than this (time, id) position, as `older` gave it. */
  before: z
    .string()
    .max(200)
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const cursor = decodeCursor(value);
      if (cursor?.v) return cursor as TCursor & { v: string };
      context.addIssue({ code: "custom", message: "before: not a position in the audit log" });
      return z.NEVER;
    }),
});
export type TAuditQuery = z.output<typeof ZAuditQuery>;

export type TAuditRow = {
  id: string; type: string; actorLabel: string; actorRole: string | null; targetType: string | null; targetId: string | null;
  before: unknown; after: unknown; requestId: string | null; ip: string | null; createdAt: Date;
};

const PAGE = 100;

/**
 * Newest first by (time, id), compared as a timestamp and a number (the
 * index audit_events_created_at_id_idx), filtered by type, actor (email) and
 * target id; admins only. `older` is the cursor of the next page.
 */
export async function listAuditEvents(actor: TActor, query: TAuditQuery): Promise<{ rows: TAuditRow[]; older: string | null }> {
  assertCan(actor, "audit:read");
  const params = new SqlParams();
  const conditions: string[] = [];
  if (query.type) conditions.push(`e.type = ${params.add(query.type)}`);
  if (query.actor) conditions.push(`e.actor_label = ${params.add(query.actor.toLowerCase())}`);
  if (query.target) conditions.push(`e.target_id = ${params.add(query.target)}`);
  if (query.before) {
    conditions.push(`(e.created_at, e.id) < (${params.add(query.before.v, "::timestamp(3)")}, ${params.add(query.before.id, "::bigint")})`);
  }
  const result = await pool().query(
    `select e.id::text as id, e.type, e.actor_label, e.actor_role, e.target_type, e.target_id, e.before, e.after, e.request_id, e.ip,
            e.created_at, e.created_at::text as created_at_text
       from audit_events e ${conditions.length ? `where ${conditions.join(" and ")}` : ""}
      order by e.created_at desc, e.id desc limit ${PAGE + 1}`,
    params.values,
  );
  const page = result.rows.slice(0, PAGE);
  const rows = page.map((row) => ({
    id: row.id, type: row.type, actorLabel: row.actor_label, actorRole: row.actor_role, targetType: row.target_type,
    targetId: row.target_id, before: row.before, after: row.after, requestId: row.request_id, ip: row.ip, createdAt: row.created_at,
  }));
  const last = page.at(-1);
  return { rows, older: result.rows.length > PAGE && last ? encodeCursor({ v: last.created_at_text, id: last.id }) : null };
}
