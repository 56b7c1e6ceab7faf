import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportErrorsTable } from "@/components/import/import-errors";
import { requirePageActor } from "@/lib/auth/next";
import { getDatasetReport, type TDatasetReport } from "@/lib/datasets/get-dataset";
import { NotFoundError } from "@/lib/errors";

export const metadata: Metadata = { title: "Dataset" };
export const dynamic = "force-dynamic";

/** One dataset's import report: what was stored, what was a duplicate, and each bad record by line with the message. */
export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  let dataset: TDatasetReport;
  try {
    dataset = await getDatasetReport(actor, Number(id));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const figures = [
    { label: "Trajectories stored", value: dataset.trajectoryCount, testId: "dataset-imported" },
    { label: "Duplicates skipped", value: dataset.duplicateCount, testId: "dataset-duplicates" },
    { label: "Bad records skipped", value: dataset.errorCount, testId: "dataset-errors" },
    { label: "Turns", value: dataset.turnCount, testId: "dataset-turns" },
  ];
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <Link href="/" className="text-sm text-indigo-700 hover:underline">← Overview</Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{dataset.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {dataset.kind} data · format <span className="font-mono">{dataset.format}</span> · from <span className="font-mono">{dataset.sourceFile}</span> · imported{" "}
          {dataset.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC by {dataset.importedBy}
        </p>
        <Link href={`/trajectories?dataset=${dataset.id}`} className="mt-2 inline-block text-sm text-indigo-700 underline">Its trajectories in the table</Link>
      </div>
      <dl className="grid grid-cols-4 gap-4 text-center">
        {figures.map((figure) => (
          <div key={figure.label} className="rounded-md border border-slate-200 bg-white p-3">
            <dt className="text-xs uppercase tracking-wide text-slate-500">{figure.label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={figure.testId}>{figure.value.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      {dataset.duplicateCount > 0 && (
        <p className="text-sm text-slate-600">
          A duplicate is a record whose task and turns are already stored (from this file or an earlier one): it is counted, not stored twice.
        </p>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-sm font-medium text-slate-800">Bad records</h2>
        {dataset.errorCount === 0 ? (
          <p className="mt-1 text-sm text-slate-500">None: every record of the file was read.</p>
        ) : (
          <ImportErrorsTable errors={dataset.errors} errorCount={dataset.errorCount} />
        )}
      </section>
    </div>
  );
}
