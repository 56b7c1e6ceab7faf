import { z } from "zod";
import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { columnsAs, type TPgRow } from "@/lib/db/row";
import type { AuditEvent } from "@/lib/generated/prisma/client";
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

const ROW_FIELDS = ["type", "actorLabel", "actorRole", "targetType", "targetId", "before", "after", "requestId", "ip", "createdAt"] as const;
export type TAuditRow = TPgRow<Pick<AuditEvent, "id" | (typeof ROW_FIELDS)[number]>>;

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
  // A keyset page in SQL: the cursor carries the timestamp as PostgreSQL prints it, compared back without a time-zone round trip.
  const result = await pool().query<TAuditRow & { createdAtText: string }>(
    `select e.id::text as id, ${columnsAs("e", ROW_FIELDS)}, e.created_at::text as "createdAtText"
       from audit_events e ${conditions.length ? `where ${conditions.join(" and ")}` : ""}
      order by e.created_at desc, e.id desc limit ${PAGE + 1}`,
    params.values,
  );
  const page = result.rows.slice(0, PAGE);
  const rows = page.map(({ createdAtText: _text, ...row }) => row);
  const last = page.at(-1);
  return { rows, older: result.rows.length > PAGE && last ? encodeCursor({ v: last.createdAtText, id: last.id }) : null };
}
