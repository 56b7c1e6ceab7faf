"use client";

import { formatReward } from "@/components/ui/format";
import type { TImportPreview } from "@/lib/import/preview-file";

/** The first records as the import will read them: id, task, steps and reward, or why a record would be skipped. */
export function ImportPreviewTable({ preview }: { preview: TImportPreview }) {
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-label="Import preview">
      <h2 className="text-sm font-medium text-slate-700">
        First records as they will be read <span className="font-normal text-slate-500">(format {preview.format}; nothing is stored yet)</span>
      </h2>
      <table className="w-full text-left text-sm" aria-label="First records">
        <thead className="text-xs uppercase text-slate-500">
          <tr><th className="py-1 font-medium">Line</th><th className="font-medium">Id</th><th className="font-medium">Task</th><th className="text-right font-medium">Steps</th><th className="text-right font-medium">Reward</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {preview.rows.map((row) => (
            <tr key={row.record}>
              <td className="py-1 tabular-nums text-slate-500">{row.line ?? `#${row.record}`}</td>
              {row.kind === "record" ? (
                <>
                  <td className="font-mono text-xs">{row.externalId}</td>
                  <td className="font-mono text-xs">{row.task}</td>
                  <td className="text-right tabular-nums">
                    {row.steps}
                    {row.formatErrors > 0 && <span className="ml-1 text-xs text-rose-700">({row.formatErrors} format {row.formatErrors === 1 ? "error" : "errors"})</span>}
                  </td>
                  <td className="text-right tabular-nums">{formatReward(row.reward)}</td>
                </>
              ) : (
                <td colSpan={4} className="text-rose-800">skipped: {row.message}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
