import type { Metadata } from "next";
import Link from "next/link";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/events";
import { listAuditEvents, type TAuditQuery, ZAuditQuery } from "@/lib/audit/list-events";
import { requirePageActor } from "@/lib/auth/next";
import { AuditChange } from "@/components/admin/audit-change";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor("audit:read");
  const parsed = ZAuditQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : ZAuditQuery.parse({});
  const { rows, older } = await listAuditEvents(actor, query);
  const olderHref = older ? `?${new URLSearchParams({ ...filterParams(query), before: older })}` : null;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Audit filters">
        <label className="block">
          <span className="text-slate-600">Event</span>
          <select name="type" aria-label="Event type" defaultValue={query.type ?? ""} className="input mt-1">
            <option value="">all events</option>
            {AUDIT_EVENT_TYPES.map((type) => <option key={type}>{type}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">Actor (email)</span>
          <input name="actor" aria-label="Actor email" defaultValue={query.actor ?? ""} className="input mt-1" />
        </label>
        <label className="block">
          <span className="text-slate-600">Target id</span>
          <input name="target" aria-label="Target id" defaultValue={query.target ?? ""} className="input mt-1" />
        </label>
        <button type="submit" className="rounded-md bg-slate-800 px-4 py-1.5 text-white">Filter</button>
        <Link href="/admin/audit" className="text-slate-600 underline">Clear</Link>
      </form>
      <table className="w-full text-left text-sm" aria-label="Audit events">
        <thead className="text-xs uppercase text-slate-500">
          <tr><th className="py-1 font-medium">When (UTC)</th><th className="font-medium">Event</th><th className="font-medium">Actor</th><th className="font-medium">Target</th><th className="font-medium">Change</th><th className="font-medium">Request</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <td className="whitespace-nowrap py-1.5 text-xs">{row.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
              <td className="font-mono text-xs">{row.type}</td>
              <td className="text-xs">{row.actorLabel}{row.actorRole && <span className="text-slate-500"> ({row.actorRole})</span>}</td>
              <td className="text-xs">{row.targetType ? `${row.targetType} ${row.targetId}` : "—"}</td>
              <td className="max-w-md py-1.5">
                <AuditChange before={row.before} after={row.after} />
              </td>
              <td className="font-mono text-[11px] text-slate-500">{row.requestId?.slice(0, 8)}{row.ip && ` · ${row.ip}`}</td>
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={6} className="py-4 text-slate-500">No events match.</td></tr>}
        </tbody>
      </table>
      {olderHref && <Link href={olderHref} className="text-sm text-indigo-700 underline">Older events →</Link>}
    </div>
  );
}

/** The filters of the current view, kept on the link to older events. */
function filterParams({ type, actor, target }: TAuditQuery): Record<string, string> {
  return Object.fromEntries(Object.entries({ type, actor, target }).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
