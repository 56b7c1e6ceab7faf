import Link from "next/link";
import type { TTaskProgress } from "@/lib/overview/team-overview";

const STATES = [
  { key: "accepted", bar: "bg-emerald-500", text: "text-emerald-800" },
  { key: "rejected", bar: "bg-rose-500", text: "text-rose-800" },
  { key: "pending", bar: "bg-slate-300", text: "text-slate-700" },
] as const;

const tableHref = (task: string, status: string) => `/trajectories?${new URLSearchParams({ task, status })}`;

/** Per task, a stacked bar of accepted / rejected / pending (its width the task's size) and the three counts, each a link to the table. */
export function ReviewProgress({ tasks }: { tasks: TTaskProgress[] }) {
  const largest = Math.max(1, ...tasks.map((row) => row.accepted + row.rejected + row.pending));
  return (
    <section aria-label="Review progress" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-sm font-medium text-slate-700">Review progress per task</h2>
      {tasks.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No trajectories yet.</p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm">
          {tasks.map((row) => {
            const total = row.accepted + row.rejected + row.pending;
            return (
              <li key={row.task} className="grid grid-cols-[7rem_minmax(0,1fr)_17rem] items-center gap-3" data-testid={`progress-${row.task}`}>
                <Link href={`/trajectories?${new URLSearchParams({ task: row.task })}`} className="truncate font-mono text-indigo-700 hover:underline" title={`${row.task}: ${total} trajectories`}>
                  {row.task}
                </Link>
                <div
                  role="img"
                  aria-label={`${row.task}: ${row.accepted} accepted, ${row.rejected} rejected, ${row.pending} pending`}
                  className="flex h-3 overflow-hidden rounded bg-slate-100"
                  style={{ width: `${Math.max(4, (100 * total) / largest)}%` }}
                >
                  {STATES.map((state) => (
                    <div key={state.key} className={state.bar} style={{ width: `${total ? (100 * row[state.key]) / total : 0}%` }} />
                  ))}
                </div>
                <div className="flex justify-end gap-3 text-xs tabular-nums">
                  {STATES.map((state) => (
                    <Link key={state.key} href={tableHref(row.task, state.key)} className={`${state.text} hover:underline`}>
                      <span data-testid="overview-number">{row[state.key].toLocaleString("en")}</span> {state.key}
                    </Link>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
