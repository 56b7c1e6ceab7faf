import type { Metadata } from "next";
import Link from "next/link";
import { CompareForm } from "@/components/export/compare-form";
import { ExportsTable } from "@/components/export/exports-table";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { listExports } from "@/lib/export/exports";
import { MethodLink } from "@/components/ui/method-link";

export const metadata: Metadata = { title: "Exports" };
export const dynamic = "force-dynamic";

export default async function ExportsPage() {
  const actor = await requirePageActor();
  const exports = await listExports(actor);
  const canCreate = actorCan(actor, "exports:create");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-4xl">
          <h1 className="text-2xl font-semibold tracking-tight">Exports</h1>
          <p className="mt-1 text-sm text-slate-600">
            Each export is one training mix written to files, with a manifest that records how it was made (<MethodLink section={6} />).
          </p>
        </div>
        {canCreate && (
          <Link href="/exports/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500">
            New export
          </Link>
        )}
      </div>
      {exports.length === 0 ? (
        <EmptyState canCreate={canCreate} />
      ) : (
        <>
          <CompareForm exports={exports} />
          <ExportsTable exports={exports} canManage={canCreate} />
        </>
      )}
    </div>
  );
}

function EmptyState({ canCreate }: { canCreate: boolean }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="exports-empty">
      <h2 className="text-lg font-medium">No export yet</h2>
      <p className="mx-auto mt-2 max-w-2xl text-sm text-slate-600">
        An export turns the reviewed trajectories into a training set: it takes the agent trajectories your recipe admits (review status,
        reward threshold, contamination), samples each task by its share, adds general chat data so agent data makes up a share eta of
        the mix, and writes JSONL or parquet files. Beside them go a dataset card and a manifest holding the recipe, the seed, the
        thresholds and the datasets used, so anyone can reproduce or audit the mix.
      </p>
      {canCreate ? (
        <Link href="/exports/new" className="mt-4 block text-sm font-medium text-indigo-700 hover:underline">
          Build a recipe and run the first export →
        </Link>
      ) : (
        <p className="mt-4 text-sm text-slate-500">Reviewers and admins create exports; you can download them here.</p>
      )}
      <p className="mt-4 text-xs text-slate-500">Or from a terminal, with a recipe file downloaded from the form:</p>
      <pre className="mx-auto mt-2 inline-block rounded bg-slate-900 px-4 py-2 text-left font-mono text-sm text-slate-100">
        npm run cli -- export --recipe recipe.json --out DIR --as you@lab.org
      </pre>
    </div>
  );
}
