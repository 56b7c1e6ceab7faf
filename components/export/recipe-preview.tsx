"use client";

import { MixPlan } from "./mix-plan";
import type { TPreview } from "./use-recipe-preview";

/** What the recipe would draw from the data as it is now; the recipe's error, if any, above it. */
export function RecipePreview({ preview }: { preview: TPreview }) {
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
