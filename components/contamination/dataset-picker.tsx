"use client";

export type TPickableDataset = { id: number; name: string; kind: "agent" | "general"; trajectoryCount: number };

/**
 * Which training datasets a check compares: one checkbox per dataset (kind and
 * size shown), and a toggle that adds or removes every general (chat) dataset.
 */
export function DatasetPicker({ datasets, picked, onChange }: { datasets: TPickableDataset[]; picked: Set<number>; onChange: (next: Set<number>) => void }) {
  if (datasets.length === 0) return <p className="text-sm text-slate-500">No dataset imported yet: the check has no training text to compare.</p>;
  const general = datasets.filter((d) => d.kind === "general");
  const allGeneral = general.length > 0 && general.every((d) => picked.has(d.id));
  const toggle = (ids: number[], on: boolean) => {
    const next = new Set(picked);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };
  return (
    <fieldset className="text-sm" data-testid="dataset-picker">
      <legend className="font-medium text-slate-700">Training datasets</legend>
      {general.length > 0 && (
        <label className="mt-1 flex items-center gap-1">
          <input type="checkbox" checked={allGeneral} onChange={(e) => toggle(general.map((d) => d.id), e.target.checked)} /> also check general data
        </label>
      )}
      <ul className="mt-1 max-h-40 space-y-0.5 overflow-y-auto rounded border border-slate-200 p-2">
        {datasets.map((d) => (
          <li key={d.id}>
            <label className="flex items-center gap-2">
              <input type="checkbox" aria-label={`dataset ${d.name}`} checked={picked.has(d.id)} onChange={(e) => toggle([d.id], e.target.checked)} />
              <span className="font-mono">{d.name}</span>
              <span className={d.kind === "general" ? "rounded bg-amber-50 px-1 text-amber-800" : "rounded bg-slate-100 px-1 text-slate-600"}>{d.kind}</span>
              <span className="tabular-nums text-slate-500">{d.trajectoryCount.toLocaleString("en-US")} trajectories</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
