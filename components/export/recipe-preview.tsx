"use client";

import { planShortfall } from "@/lib/export/shortfall";
import { MixPlan } from "./mix-plan";
import type { TPreview } from "./use-recipe-preview";

/** What the recipe would draw from the data as it is now; the recipe's error, if any, above it. */
export function RecipePreview({ preview }: { preview: TPreview }) {
  const shortfall = preview.plan && preview.recipe ? planShortfall(preview.plan, preview.recipe) : null;
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Preview" data-testid="recipe-preview">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-800">Preview</h2>
        <span className="text-xs text-slate-500" data-testid="preview-status" aria-live="polite">
          {preview.pending ? "counting…" : preview.error ? "recipe has an error" : "up to date"}
        </span>
      </div>
      {preview.error && (
        <p className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert" data-testid="preview-error">
          {preview.error}
        </p>
      )}
      {shortfall && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" role="status" data-testid="plan-shortfall">
          {shortfall}
        </p>
      )}
      {preview.plan ? (
        <div className={preview.pending || preview.error ? "opacity-50 transition-opacity" : "transition-opacity"}>
          <MixPlan plan={preview.plan} testId="preview-plan" />
        </div>
      ) : (
        !preview.error && <p className="py-6 text-center text-sm text-slate-500">Counting eligible trajectories…</p>
      )}
    </section>
  );
}
