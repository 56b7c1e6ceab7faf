import { fieldChanges, showValue } from "@/lib/audit/diff";

/** An audit event's change: the changed fields side by side, the raw JSON behind a toggle. Values render as text. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  if (before === null && after === null) return <span className="text-slate-500">—</span>;
  const changes = fieldChanges(before, after);
  return (
    <div className="space-y-1">
      {changes.length === 0 ? (
        <p className="text-xs text-slate-500">no field changed</p>
      ) : (
        <table className="text-xs" aria-label="Changed fields" data-testid="audit-diff">
          <tbody>
            {changes.map((change) => (
              <tr key={change.field} className="align-top">
                <th scope="row" className="pr-2 text-left font-mono font-normal text-slate-500">{change.field}</th>
                <td className="max-w-[14rem] break-words pr-2 text-rose-800 line-through decoration-rose-300">{change.before === undefined ? "" : showValue(change.before)}</td>
                <td className="max-w-[14rem] break-words text-emerald-800">{showValue(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="text-[11px]">
        <summary className="cursor-pointer text-slate-500">raw JSON</summary>
        <div className="mt-1 break-words font-mono text-slate-600">
          {before !== null && <div>before: {JSON.stringify(before)}</div>}
          {after !== null && <div>after: {JSON.stringify(after)}</div>}
        </div>
      </details>
    </div>
  );
}
