/** One bar per task, proportional to its trajectory count. */
export function TaskTotals({ totals }: { totals: { task: string; count: number }[] }) {
  const max = Math.max(1, ...totals.map((row) => row.count));
  return (
    <section aria-labelledby="task-totals" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="task-totals" className="text-sm font-medium text-slate-700">Trajectories per task</h2>
      <dl className="mt-3 grid grid-cols-[8rem_1fr_5rem] items-center gap-x-3 gap-y-1.5 text-sm">
        {totals.map((row) => (
          <div key={row.task} className="contents" data-testid={`task-total-${row.task}`}>
            <dt className="truncate font-mono text-slate-700">{row.task}</dt>
            <dd className="h-2 rounded bg-slate-100">
              <div className="h-2 rounded bg-indigo-500" style={{ width: `${(100 * row.count) / max}%` }} />
            </dd>
            <dd className="text-right tabular-nums text-slate-600">{row.count.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
