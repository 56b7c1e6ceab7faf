import type { TTaskRow } from "@/lib/contamination/score";

/** docs/method.md §5's per-task table with its total row. */
export function TaskTable({ caption, table, testId }: { caption: string; table: { rows: TTaskRow[]; total: TTaskRow }; testId: string }) {
  const row = (r: TTaskRow, total = false) => (
    <tr key={r.task} className={`border-t border-slate-100 ${total ? "font-semibold" : ""}`}>
      <td className="py-1 pr-4">{r.task}</td>
      <td className="pr-4 text-right tabular-nums">{(r.rate * 100).toFixed(1)}</td>
      <td className="pr-4 text-right tabular-nums">{r.clean}</td>
      <td className="pr-4 text-right tabular-nums">{r.dirty}</td>
      <td className="text-right tabular-nums">{r.examples}</td>
    </tr>
  );
  return (
    <table className="text-sm" data-testid={testId}>
      <caption className="text-left text-slate-500">{caption}</caption>
      <thead className="text-slate-500">
        <tr><th className="py-1 pr-4 text-left">Task</th><th className="pr-4">Contamination rate (%)</th><th className="pr-4"># clean</th><th className="pr-4"># dirty</th><th># examples</th></tr>
      </thead>
      <tbody>
        {table.rows.map((r) => row(r))}
        {row(table.total, true)}
      </tbody>
    </table>
  );
}
