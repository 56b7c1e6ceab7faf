import Link from "next/link";
import { formatCount } from "@/components/ui/format";
import { DataTable } from "@/components/ui/table";
import type { TExportDiff } from "@/lib/export/diff";

/** Trajectories per task in two exports: before, after, added, removed, with the ids of some of each. */
export function DiffTable({ diff }: { diff: TExportDiff }) {
  const before = diff.rows.reduce((sum, row) => sum + row.before, 0);
  const after = diff.rows.reduce((sum, row) => sum + row.after, 0);
  const num = "px-3 py-2 text-right tabular-nums";
  return (
    <DataTable
      label="Changes per task"
      columns={[
        { label: "Task" },
        { label: `Export ${diff.from}`, align: "right" },
        { label: `Export ${diff.to}`, align: "right" },
        { label: "Added", align: "right" },
        { label: "Removed", align: "right" },
        { label: "Trajectories added / removed" },
      ]}
      footer={
        <tr className="border-t border-slate-200 font-medium" data-testid="diff-total">
          <td className="px-4 py-2">Total</td>
          <td className={num}>{formatCount(before)}</td>
          <td className={num}>{formatCount(after)}</td>
          <td className={`${num} text-emerald-700`}>+{formatCount(diff.added)}</td>
          <td className={`${num} text-rose-700`}>−{formatCount(diff.removed)}</td>
          <td />
        </tr>
      }
    >
      {diff.rows.map((row) => (
        <tr key={row.task} className="align-top" data-testid={`diff-${row.task}`}>
          <td className="px-4 py-2 font-mono text-xs">{row.task}</td>
          <td className={num}>{formatCount(row.before)}</td>
          <td className={num}>{formatCount(row.after)}</td>
          <td className={`${num} ${row.added > 0 ? "text-emerald-700" : "text-slate-500"}`}>{row.added > 0 ? `+${formatCount(row.added)}` : "0"}</td>
          <td className={`${num} ${row.removed > 0 ? "text-rose-700" : "text-slate-500"}`}>{row.removed > 0 ? `−${formatCount(row.removed)}` : "0"}</td>
          <td className="space-y-1 px-3 py-2">
            <IdList ids={row.addedIds} total={row.added} sign="+" tone="text-emerald-700" label={`Added to ${row.task}`} />
            <IdList ids={row.removedIds} total={row.removed} sign="−" tone="text-rose-700" label={`Removed from ${row.task}`} />
          </td>
        </tr>
      ))}
      {diff.rows.length === 0 && (
        <tr>
          <td colSpan={6} className="px-4 py-3 text-slate-500">Neither export has samples.</td>
        </tr>
      )}
    </DataTable>
  );
}

function IdList({ ids, total, sign, tone, label }: { ids: string[]; total: number; sign: string; tone: string; label: string }) {
  if (ids.length === 0) return null;
  return (
    <ul className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-xs" aria-label={label}>
      <li className={`font-medium ${tone}`} aria-hidden>{sign}</li>
      {ids.map((id) => (
        <li key={id}>
          <Link href={`/trajectories/${id}`} className="font-mono text-indigo-700 hover:underline">#{id}</Link>
        </li>
      ))}
      {total > ids.length && <li className="text-slate-500">and {formatCount(total - ids.length)} more</li>}
    </ul>
  );
}
