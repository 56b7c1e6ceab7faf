import Link from "next/link";
import { DataTable, HiddenLabel } from "@/components/ui/table";
import type { TDatasetSummary } from "@/lib/datasets/list-datasets";
import type { TFormAction } from "@/lib/actions/state";
import { DeleteDatasetButton } from "./delete-dataset-button";

/** `deleteAction`: given only to a role that may delete datasets. */
export function DatasetTable({ datasets, deleteAction }: { datasets: TDatasetSummary[]; deleteAction?: TFormAction }) {
  return (
    <DataTable
      frame="flat"
      cellPadding="even"
      columns={[
        { label: "Dataset" },
        { label: "Kind" },
        { label: "Format" },
        { label: "Trajectories", align: "right" },
        { label: "Per task" },
        { label: "Imported" },
        !!deleteAction && { label: <HiddenLabel>Delete</HiddenLabel> },
      ]}
    >
      {datasets.map((dataset) => (
        <tr key={dataset.id} data-testid={`dataset-${dataset.name}`}>
          <td className="px-4 py-3 align-top">
            <div className="font-medium text-slate-900">
              <Link href={`/datasets/${dataset.id}`} className="hover:underline">{dataset.name}</Link>
              {dataset.isDemo && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-normal text-amber-800">demo</span>}
            </div>
            <div className="mt-0.5 text-xs text-slate-500">{dataset.sourceFile}</div>
          </td>
          <td className="px-4 py-3 align-top text-slate-700">{dataset.kind}</td>
          <td className="px-4 py-3 align-top font-mono text-xs text-slate-700">{dataset.format}</td>
          <td className="px-4 py-3 text-right align-top tabular-nums">
            <div data-testid="trajectory-count">{dataset.trajectoryCount.toLocaleString("en")}</div>
            {(dataset.duplicateCount > 0 || dataset.errorCount > 0) && (
              <Link href={`/datasets/${dataset.id}`} className="mt-0.5 block text-xs text-indigo-700 hover:underline" title="the import report: duplicates and bad records by line">
                {[
                  dataset.duplicateCount > 0 && `${dataset.duplicateCount.toLocaleString("en")} ${dataset.duplicateCount === 1 ? "duplicate" : "duplicates"}`,
                  dataset.errorCount > 0 && `${dataset.errorCount.toLocaleString("en")} bad`,
                ].filter(Boolean).join(" · ")}
              </Link>
            )}
          </td>
          <td className="px-4 py-3 align-top">
            <ul className="flex flex-wrap gap-1.5">
              {dataset.tasks.map((task) => (
                <li key={task.task} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700" data-testid={`count-${dataset.name}-${task.task}`}>
                  {task.task} <span className="tabular-nums text-slate-500">{task.count}</span>
                </li>
              ))}
            </ul>
          </td>
          <td className="px-4 py-3 align-top text-xs text-slate-600">
            <div>{dataset.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</div>
            <div className="text-slate-500">by {dataset.importedBy}</div>
          </td>
          {deleteAction && (
            <td className="px-4 py-3 align-top">
              <DeleteDatasetButton action={deleteAction} datasetId={dataset.id} name={dataset.name} trajectories={dataset.trajectoryCount} />
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}
