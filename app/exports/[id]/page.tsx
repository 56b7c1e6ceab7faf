import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareForm } from "@/components/export/compare-form";
import { DatasetFacts, RecipeFacts, SampleCounts, ThresholdFacts } from "@/components/export/export-facts";
import { ExportActions } from "@/components/export/export-actions";
import { ExportProgress } from "@/components/export/export-progress";
import { FilesTable } from "@/components/export/files-table";
import { fileUrl, recipeLabel } from "@/components/export/format";
import { MixPlan } from "@/components/export/mix-plan";
import { formatDateTime } from "@/components/ui/format";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { NotFoundError } from "@/lib/errors";
import { getExport, listExports, type TExport } from "@/lib/export/exports";

export const metadata: Metadata = { title: "Export" };
export const dynamic = "force-dynamic";

export default async function ExportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  let entry: TExport;
  try {
    entry = await getExport(actor, Number(id));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const others = await listExports(actor);
  const canManage = actorCan(actor, "exports:create");
  const hasManifest = entry.state === "finished" && entry.files.some((file) => file.name === "manifest.json");

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/exports" className="text-sm text-indigo-700 hover:underline">← Exports</Link>
        <h1 className="text-2xl font-semibold tracking-tight">
          Export {entry.id}: <span className={entry.recipeName ? "" : "font-normal italic text-slate-500"}>{recipeLabel(entry)}</span>
        </h1>
        <p className="text-sm text-slate-600">
          Created {formatDateTime(entry.createdAt)} by {entry.createdBy}
          {entry.finishedAt && ` · ended ${formatDateTime(entry.finishedAt)}`}
        </p>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2 pt-1">
          <ExportProgress exportId={entry.id} initial={entry} canCancel={canManage} wide />
          {hasManifest && (
            <a href={fileUrl(entry.id, "manifest.json", true)} target="_blank" rel="noreferrer" className="text-sm font-medium text-indigo-700 hover:underline">
              View manifest
            </a>
          )}
          {canManage && (
            <Link href={`/exports/new?from=${entry.id}`} className="text-sm text-indigo-700 hover:underline">
              Open its recipe in the form
            </Link>
          )}
          {canManage && <ExportActions exportId={entry.id} afterDelete="list" />}
        </div>
      </div>

      {entry.state === "failed" && entry.error && (
        <div className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-900" role="alert" data-testid="export-error">
          <h2 className="font-medium">The export failed</h2>
          <p className="mt-1 whitespace-pre-wrap">{entry.error}</p>
        </div>
      )}

      {entry.state === "finished" && (
        <section className="space-y-2">
          <h2 className="text-lg font-medium">Files</h2>
          <FilesTable exportId={entry.id} files={entry.files} />
        </section>
      )}

      <div className="grid items-start gap-6 xl:grid-cols-2">
        <div className="space-y-4">
          <section className="space-y-2">
            <h2 className="text-lg font-medium">Mix</h2>
            {entry.summary ? (
              <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <MixPlan plan={entry.summary.plan} />
              </div>
            ) : (
              <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-500">The samples have not been drawn yet.</p>
            )}
          </section>
          {entry.summary && <DatasetFacts summary={entry.summary} />}
        </div>
        <div className="space-y-4">
          <section className="space-y-2">
            <h2 className="text-lg font-medium">How it was made</h2>
            <RecipeFacts recipe={entry.recipe} />
          </section>
          {entry.summary && <ThresholdFacts summary={entry.summary} />}
          {entry.summary && <SampleCounts summary={entry.summary} />}
        </div>
      </div>

      {entry.summary && <CompareForm exports={others} from={others.find((other) => other.id < entry.id && other.summary)?.id} to={entry.id} />}
    </div>
  );
}
