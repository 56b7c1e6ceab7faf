import Link from "next/link";
import type { TImportReport } from "@/lib/import/options";

export function ImportReportView({ report }: { report: TImportReport }) {
  const ok = report.imported > 0 || report.alreadyImportedAs !== null || report.duplicates > 0;
  return (
    <section aria-label="Import report" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <div className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`} data-testid="import-message">
        {report.message}
      </div>
      <dl className="grid grid-cols-4 gap-4 text-center">
        <Stat label="Imported" value={report.imported} testId="report-imported" />
        <Stat label="Duplicates" value={report.duplicates} testId="report-duplicates" />
        <Stat label="Bad records" value={report.skipped} testId="report-skipped" />
        <Stat label="Turns" value={report.turns} testId="report-turns" />
      </dl>
      <p className="text-xs text-slate-500">
        Format <span className="font-mono">{report.format ?? "—"}</span> · {(report.durationMs / 1000).toFixed(1)} s
        {report.dataset && (
          <> · dataset <Link href="/" className="text-indigo-600 underline">{report.dataset.name}</Link></>
        )}
      </p>
      {report.errors.length > 0 && (
        <div>
          <h3 className="text-sm font-medium text-slate-800">Skipped records</h3>
          <table className="mt-2 w-full text-left text-sm" data-testid="import-errors">
            <thead className="text-xs uppercase text-slate-500">
              <tr><th className="py-1 pr-4 font-medium">Where</th><th className="py-1 font-medium">Problem</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.errors.map((error, position) => (
                <tr key={position}>
                  <td className="whitespace-nowrap py-1 pr-4 font-mono text-xs">{error.line !== null ? `line ${error.line}` : `record ${error.record}`}</td>
                  <td className="py-1 text-slate-700">{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.errorCount > report.errors.length && <p className="mt-1 text-xs text-slate-500">…and {report.errorCount - report.errors.length} more.</p>}
        </div>
      )}
    </section>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={testId}>{value.toLocaleString("en")}</dd>
    </div>
  );
}
