import type { Metadata } from "next";
import Link from "next/link";
import { RecipeForm } from "@/components/export/recipe-form";
import type { TSavedRef } from "@/components/export/recipe-actions";
import type { TActor } from "@/lib/access/actor";
import { requirePageActor } from "@/lib/auth/next";
import { listDatasets } from "@/lib/datasets/list-datasets";
import { UserFacingError } from "@/lib/errors";
import { getExport } from "@/lib/export/exports";
import { DEFAULT_RECIPE, type TRecipe } from "@/lib/export/recipe";
import { getRecipe, listRecipes } from "@/lib/export/recipes";

export const metadata: Metadata = { title: "New export" };
export const dynamic = "force-dynamic";

type TSearch = { recipe?: string; version?: string; from?: string };

export default async function NewExportPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const actor = await requirePageActor("exports:create");
  const query = await searchParams;
  const [datasets, recipes, start] = await Promise.all([listDatasets(actor), listRecipes(actor), startingPoint(actor, query)]);

  return (
    <div className="space-y-6">
      <div className="max-w-4xl">
        <Link href="/exports" className="text-sm text-indigo-700 hover:underline">← Exports</Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">New export</h1>
        <p className="mt-1 text-sm text-slate-600">
          A recipe says which trajectories go into the training mix, in what shares, in which form, with which seed. The preview counts what it
          would take from the data as it is now; the export copies the whole recipe into its manifest.
        </p>
        {start.problem && <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="alert">{start.problem}</p>}
      </div>
      <RecipeForm
        key={`${query.recipe ?? ""}|${query.version ?? ""}|${query.from ?? ""}`}
        initial={start.recipe}
        saved={start.saved}
        loadedName={start.saved?.name ?? null}
        datasets={datasets.map((d) => ({ name: d.name, kind: d.kind, trajectories: d.trajectoryCount, tasks: d.tasks.map((t) => t.task) }))}
        recipes={recipes.map((r) => ({ name: r.name, version: r.version }))}
      />
    </div>
  );
}

/** The recipe the form starts from: ?recipe=NAME[&version=N], ?from=EXPORT_ID, or the defaults. */
async function startingPoint(actor: TActor, query: TSearch): Promise<{ recipe: TRecipe; saved: TSavedRef | null; problem: string | null }> {
  try {
    if (query.recipe) {
      const version = query.version && /^\d+$/.test(query.version) ? Number(query.version) : undefined;
      const saved = await getRecipe(actor, query.recipe, version);
      return { recipe: saved.recipe, saved: { name: saved.name, version: saved.version, recipe: saved.recipe }, problem: null };
    }
    if (query.from && /^\d+$/.test(query.from)) {
      const earlier = await getExport(actor, Number(query.from));
      const saved = earlier.recipeName && earlier.recipeVersion ? { name: earlier.recipeName, version: earlier.recipeVersion, recipe: earlier.recipe } : null;
      return { recipe: earlier.recipe, saved, problem: null };
    }
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return { recipe: DEFAULT_RECIPE, saved: null, problem: `${error.message}: the form starts from the defaults.` };
  }
  return { recipe: DEFAULT_RECIPE, saved: null, problem: null };
}
