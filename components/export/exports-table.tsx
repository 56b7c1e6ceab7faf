import Link from "next/link";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { DataTable, HiddenLabel } from "@/components/ui/table";
import type { TExport } from "@/lib/export/exports";
import { ExportActions } from "./export-actions";
import { ExportProgress } from "./export-progress";
import { fileUrl, formatBytes, recipeLabel } from "./format";

const MANIFEST = "manifest.json";

/** The export history: one row per export, newest first; running ones follow their progress. */
export function ExportsTable({ exports, canManage }: { exports: TExport[]; canManage: boolean }) {
  return (
    <DataTable
      label="Exports"
      columns={[
        { label: "Export" },
        { label: "Recipe" },
        { label: "State" },
        { label: "Samples", align: "right" },
        { label: "Created" },
        { label: "Files" },
        canManage && { label: <HiddenLabel>Actions</HiddenLabel> },
      ]}
    >
      {exports.map((entry) => (
        <tr key={entry.id} className="align-top hover:bg-slate-50/60" data-testid={`export-row-${entry.id}`}>
          <td className="whitespace-nowrap px-4 py-3">
            <Link href={`/exports/${entry.id}`} className="font-medium text-indigo-700 hover:underline">
              Export {entry.id}
            </Link>
          </td>
          <td className="whitespace-nowrap px-3 py-3">
            <span className={entry.recipeName ? "text-slate-900" : "italic text-slate-500"}>{recipeLabel(entry)}</span>
            <div className="text-xs text-slate-500">seed {entry.recipe.seed} · eta {entry.recipe.eta}</div>
          </td>
          <td className="w-60 px-3 py-3">
            <ExportProgress exportId={entry.id} initial={entry} canCancel={canManage} />
          </td>
          <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums">
            {entry.summary ? (
              <>
                <div className="font-medium">{formatCount(entry.summary.plan.total)}</div>
                <div className="text-xs text-slate-500">
                  {formatCount(entry.summary.plan.agentTotal)} agent / {formatCount(entry.summary.plan.general.total)} general
                </div>
              </>
            ) : (
              <span className="text-slate-500">—</span>
            )}
          </td>
          <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-600">
            <div>{formatDateTime(entry.createdAt)}</div>
            <div className="text-slate-500">by {entry.createdBy}</div>
          </td>
          <td className="px-3 py-3">
            <FileLinks entry={entry} />
          </td>
          {canManage && (
            <td className="px-3 py-3">
              <ExportActions exportId={entry.id} afterDelete="refresh" />
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}

function FileLinks({ entry }: { entry: TExport }) {
  if (entry.state !== "finished" || entry.files.length === 0) return <span className="text-xs text-slate-500">—</span>;
  const data = entry.files.filter((file) => file.name !== MANIFEST);
  return (
    <ul className="flex max-w-md flex-wrap gap-x-3 gap-y-1 text-xs">
      {data.map((file) => (
        <li key={file.name}>
          <a href={fileUrl(entry.id, file.name)} download className="font-mono text-indigo-700 hover:underline" title={`${formatBytes(file.bytes)}, sha256 ${file.sha256}`}>
            {file.name}
          </a>
        </li>
      ))}
      {entry.files.some((file) => file.name === MANIFEST) && (
        <li>
          <a href={fileUrl(entry.id, MANIFEST, true)} target="_blank" rel="noreferrer" className="font-medium text-indigo-700 hover:underline">
            manifest
          </a>
        </li>
      )}
    </ul>
  );
}
