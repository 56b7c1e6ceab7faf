import Link from "next/link";
import type { TImportReport } from "@/lib/import/options";
import { ImportErrorsTable } from "./import-errors";

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
          <> · dataset <Link href={`/datasets/${report.dataset.id}`} className="text-indigo-600 underline">{report.dataset.name}</Link></>
        )}
      </p>
      {report.errors.length > 0 && (
        <div>
          <h3 className="text-sm font-medium text-slate-800">Skipped records</h3>
          <ImportErrorsTable errors={report.errors} errorCount={report.errorCount} />
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
