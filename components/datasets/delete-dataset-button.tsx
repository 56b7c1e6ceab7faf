import type { TFormAction } from "@/lib/actions/state";
import { ActionForm } from "@/components/ui/action-form";

export function DeleteDatasetButton({ action, datasetId, name, trajectories }: { action: TFormAction; datasetId: number; name: string; trajectories: number }) {
  return (
    <ActionForm action={action} confirm={`Delete dataset "${name}" and its ${trajectories} trajectories? This cannot be undone.`}>
      <input type="hidden" name="datasetId" value={datasetId} />
      <button type="submit" className="text-xs text-rose-700 underline" aria-label={`Delete ${name}`}>Delete</button>
    </ActionForm>
  );
}
