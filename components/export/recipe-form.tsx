"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TRecipe } from "@/lib/export/recipe";
import { RecipeActions, type TSavedRef } from "./recipe-actions";
import { placeRecipeError } from "./recipe-helpers";
import { InclusionFields } from "./recipe-inclusion";
import { OutputFields } from "./recipe-output";
import { RecipePreview } from "./recipe-preview";
import { SharesFields } from "./recipe-shares";
import { SizeFields } from "./recipe-size";
import { SourcesFields, type TFormDataset } from "./recipe-sources";
import { useRecipePreview } from "./use-recipe-preview";

export type TRecipeChoice = { name: string; version: number };

/**
 * The recipe form: every field of a TRecipe, the live preview beside it, and
 * save / run / download. It starts from the page's recipe (the defaults, a
 * saved recipe, or an earlier export's) and is remounted when another is loaded.
 */
export function RecipeForm({ initial, saved: savedAtLoad, datasets, recipes, loadedName }: {
  initial: TRecipe;
  saved: TSavedRef | null;
  datasets: TFormDataset[];
  recipes: TRecipeChoice[];
  loadedName: string | null;
}) {
  const router = useRouter();
  const [recipe, setRecipe] = useState<TRecipe>(initial);
  const [saved, setSaved] = useState<TSavedRef | null>(savedAtLoad);
  const [total, setTotal] = useState(initial.size.mode === "total" ? initial.size.total : 1000);
  const update = (change: (recipe: TRecipe) => TRecipe) => setRecipe(change);
  const preview = useRecipePreview(recipe);
  const placed = preview.error ? placeRecipeError(preview.error) : null;
  const errorOf = (section: string) => (placed?.section === section ? placed.text : null);
  const tasks = [...new Set(datasets.filter((d) => d.kind === "agent").flatMap((d) => d.tasks))].sort();

  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_36rem]">
      <div className="space-y-4">
        <label className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          Start from
          <select
            aria-label="Start from"
            value={loadedName ?? ""}
            onChange={(event) => router.push(event.target.value ? `/exports/new?recipe=${encodeURIComponent(event.target.value)}` : "/exports/new")}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            <option value="">the method&apos;s defaults</option>
            {recipes.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name} (v{entry.version})
              </option>
            ))}
          </select>
        </label>
        <div className="grid items-start gap-4 lg:grid-cols-2">
          <div className="space-y-4">
            <SourcesFields recipe={recipe} update={update} datasets={datasets} error={errorOf("sources")} />
            <InclusionFields recipe={recipe} update={update} error={errorOf("inclusion")} />
            <OutputFields recipe={recipe} update={update} error={errorOf("output")} />
          </div>
          <div className="space-y-4">
            <SizeFields recipe={recipe} update={update} total={total} setTotal={setTotal} error={errorOf("size")} />
            <SharesFields recipe={recipe} update={update} tasks={tasks} error={errorOf("shares")} />
          </div>
        </div>
      </div>
      <div className="space-y-4 xl:sticky xl:top-4">
        <RecipePreview preview={preview} />
        <RecipeActions recipe={recipe} saved={saved} onSaved={setSaved} />
      </div>
    </div>
  );
}
