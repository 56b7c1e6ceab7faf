"use client";

import { deleteDatasetAction } from "@/app/dataset-actions";

export function DeleteDatasetButton({ datasetId, name, trajectories }: { datasetId: number; name: string; trajectories: number }) {
  return (
    <form
      action={deleteDatasetAction}
      onSubmit={(event) => {
        if (!window.confirm(`Delete dataset "${name}" and its ${trajectories} trajectories? This cannot be undone.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="datasetId" value={datasetId} />
      <button type="submit" className="text-xs text-rose-700 underline" aria-label={`Delete ${name}`}>Delete</button>
    </form>
  );
}
