import type { Metadata } from "next";
import Link from "next/link";
import { CompareForm } from "@/components/export/compare-form";
import { DiffTable } from "@/components/export/diff-table";
import { recipeLabel } from "@/components/export/format";
import { requirePageActor } from "@/lib/auth/next";
import { diffExports } from "@/lib/export/diff";
import { listExports } from "@/lib/export/exports";

export const metadata: Metadata = { title: "Compare exports" };
export const dynamic = "force-dynamic";

const id = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : null);

export default async function ExportDiffPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const actor = await requirePageActor();
  const query = await searchParams;
  const exports = await listExports(actor);
  const from = exports.find((entry) => entry.id === id(query.from));
  const to = exports.find((entry) => entry.id === id(query.to));
  const diff = from && to ? await diffExports(actor, from.id, to.id) : null;

  return (
    <div className="space-y-6">
      <div>
        <Link href="/exports" className="text-sm text-indigo-700 hover:underline">← Exports</Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Compare exports</h1>
        {from && to ? (
          <p className="mt-1 text-sm text-slate-600">
            From <Link href={`/exports/${from.id}`} className="text-indigo-700 hover:underline">export {from.id}</Link> ({recipeLabel(from)}, seed {from.recipe.seed}) to{" "}
            <Link href={`/exports/${to.id}`} className="text-indigo-700 hover:underline">export {to.id}</Link> ({recipeLabel(to)}, seed {to.recipe.seed}). A
            trajectory counts once however often it was repeated; preference pairs are left out.{" "}
            <Link href={`/exports/diff?from=${to.id}&to=${from.id}`} className="text-indigo-700 hover:underline">Swap</Link>
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600" role={query.from || query.to ? "alert" : undefined}>
            {query.from || query.to ? "One of these exports does not exist (any more). " : ""}Pick two exports to see which trajectories one has that the other has not.
          </p>
        )}
      </div>
      <CompareForm exports={exports} from={from?.id} to={to?.id} />
      {diff && (
        <>
          <p className="text-sm text-slate-700" data-testid="diff-summary">
            <b className="text-emerald-700">+{diff.added.toLocaleString("en")}</b> trajectories added,{" "}
            <b className="text-rose-700">−{diff.removed.toLocaleString("en")}</b> removed.
          </p>
          <DiffTable diff={diff} />
        </>
      )}
    </div>
  );
}
