"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api-client";
import { DatasetPicker, type TPickableDataset } from "./dataset-picker";

/** Start a check: test set, training datasets and the parameters (docs/method.md §5 defaults). */
export function RunForm({ testSets, datasets }: { testSets: { id: number; name: string; itemCount: number }[]; datasets: TPickableDataset[] }) {
  const router = useRouter();
  const [chosen, setTestSet] = useState(0);
  // The list grows after an import (router.refresh) while this state stays: default to the newest set.
  const testSet = testSets.some((s) => s.id === chosen) ? chosen : (testSets[0]?.id ?? 0);
  const [n, setN] = useState(10);
  const [clean, setClean] = useState(20);
  const [dirty, setDirty] = useState(80);
  const [discount, setDiscount] = useState(true);
  const [share, setShare] = useState(1);
  const [tokenizer, setTokenizer] = useState<"word" | "bpe">("word");
  // Default: every agent dataset; general data only when asked for.
  const [picked, setPicked] = useState<Set<number>>(() => new Set(datasets.filter((d) => d.kind === "agent").map((d) => d.id)));
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const chosenDatasets = datasets.filter((d) => picked.has(d.id)).map((d) => d.id);
    if (datasets.length > 0 && chosenDatasets.length === 0) return setError("pick at least one training dataset");
    const answer = await callApi<{ id?: number }>("/api/v1/contamination/runs", "POST", {
      testSet,
      n,
      cleanBelow: clean / 100,
      dirtyAbove: dirty / 100,
      templateShare: discount ? share / 100 : null,
      tokenizer,
      datasets: chosenDatasets,
    });
    if (!answer.ok) return setError(answer.message);
    if (!answer.data?.id) return setError("the check could not start");
    router.push(`/contamination/runs/${answer.data.id}`);
  }

  if (testSets.length === 0) return <p className="text-sm text-slate-600">Import a test set to run a check.</p>;
  const num = "ml-1 w-20 rounded border border-slate-300 px-2 py-1 tabular-nums";
  return (
    <form onSubmit={submit} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="run-form">
      <h2 className="text-sm font-medium text-slate-700">Run a check</h2>
      <p className="text-sm text-slate-600">
        Compares every test item with the task turns and trained turns of the chosen datasets (every human and assistant turn of general
        chat data), never fixed prefixes.
      </p>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label>
          Test set
          <select aria-label="Test set" value={testSet} onChange={(e) => setTestSet(Number(e.target.value))} className="ml-1 rounded border border-slate-300 px-2 py-1">
            {testSets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.itemCount} items)
              </option>
            ))}
          </select>
        </label>
        <label>
          Tokenizer
          <select aria-label="Tokenizer" value={tokenizer} onChange={(e) => setTokenizer(e.target.value as "word" | "bpe")} className="ml-1 rounded border border-slate-300 px-2 py-1">
            <option value="word">words (the method's tokens)</option>
            <option value="bpe">BPE, cl100k_base</option>
          </select>
        </label>
        <label>
          n-gram size <input type="number" min={1} max={64} value={n} onChange={(e) => setN(Number(e.target.value))} className={num} />
        </label>
        <label>
          clean below % <input type="number" min={0} max={100} step="any" value={clean} onChange={(e) => setClean(Number(e.target.value))} className={num} />
        </label>
        <label>
          dirty above % <input type="number" min={0} max={100} step="any" value={dirty} onChange={(e) => setDirty(Number(e.target.value))} className={num} />
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={discount} onChange={(e) => setDiscount(e.target.checked)} /> discount template n-grams in more than
          <input type="number" min={0.01} max={100} step="any" value={share} disabled={!discount} onChange={(e) => setShare(Number(e.target.value))} className={num} /> % of items
        </label>
      </div>
      <DatasetPicker datasets={datasets} picked={picked} onChange={setPicked} />
      <button className="rounded bg-indigo-600 px-3 py-1 text-sm font-medium text-white">Run check</button>
      {error && <p className="text-sm text-red-700" role="alert">{error}</p>}
    </form>
  );
}
