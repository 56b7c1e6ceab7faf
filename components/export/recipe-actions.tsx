"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api-client";
import type { TExport } from "@/lib/export/exports";
import type { TRecipe } from "@/lib/export/recipe";
import type { TSavedRecipe } from "@/lib/export/recipes";
import { downloadRecipe, sameRecipe } from "./recipe-helpers";

export type TSavedRef = { name: string; version: number; recipe: TRecipe };

/** Save the recipe under a name (a new version if the name exists), run it, or download it as JSON for the CLI. */
export function RecipeActions({ recipe, saved, onSaved }: { recipe: TRecipe; saved: TSavedRef | null; onSaved: (saved: TSavedRef) => void }) {
  const router = useRouter();
  const [name, setName] = useState(saved?.name ?? "");
  const [busy, setBusy] = useState<"save" | "run" | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const unchanged = saved !== null && sameRecipe(saved.recipe, recipe);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy("save");
    const answer = await callApi<TSavedRecipe>("/api/v1/export-recipes", "POST", { name, recipe });
    setBusy(null);
    if (!answer.ok) return setMessage({ ok: false, text: answer.message });
    onSaved({ name: answer.data.name, version: answer.data.version, recipe: answer.data.recipe });
    setMessage({ ok: true, text: `Saved as ${answer.data.name} v${answer.data.version}` });
    router.refresh(); // the "Start from" list
  }

  async function run() {
    setBusy("run");
    // Unchanged since saving: run the saved version, so the export names it.
    const body = unchanged ? { recipeName: saved.name, recipeVersion: saved.version } : { recipe };
    const answer = await callApi<TExport>("/api/v1/exports", "POST", body);
    if (!answer.ok) {
      setBusy(null);
      return setMessage({ ok: false, text: answer.message });
    }
    router.push(`/exports/${answer.data.id}`);
  }

  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Save and run">
      <form onSubmit={save} className="flex items-end gap-2">
        <label className="min-w-0 flex-1 text-xs font-medium text-slate-600">
          Recipe name
          <input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} placeholder="e.g. agenttuning-v1" className="input mt-1" />
        </label>
        <button disabled={busy !== null} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50">
          Save recipe
        </button>
      </form>
      {message && (
        <p className={`text-xs ${message.ok ? "text-emerald-700" : "text-rose-700"}`} role={message.ok ? "status" : "alert"} data-testid="recipe-message">
          {message.text}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3">
        <button type="button" onClick={() => downloadRecipe(recipe, name)} className="text-sm text-indigo-700 hover:underline">
          Download recipe JSON
        </button>
        <button type="button" onClick={run} disabled={busy !== null} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 disabled:opacity-50">
          {busy === "run" ? "Starting…" : "Run export"}
        </button>
      </div>
      <p className="text-xs text-slate-500" data-testid="run-what">
        {unchanged ? `Runs the saved recipe ${saved.name} v${saved.version}.` : saved ? `Changed since ${saved.name} v${saved.version}: runs as an unsaved recipe unless you save it.` : "Runs as an unsaved recipe; save it to give the export a name."}
        {" "}From a terminal: <code className="text-[11px]">npm run cli -- export --recipe FILE --out DIR</code>.
      </p>
    </section>
  );
}
