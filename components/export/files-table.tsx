import { formatCount } from "@/components/ui/format";
import { DataTable, HiddenLabel } from "@/components/ui/table";
import type { TExportedFile } from "@/lib/export/manifest";
import { fileUrl, formatBytes } from "./format";

const VIEWABLE = /\.(jsonl?|md)$/;

/** A finished export's files: what each holds, its sha256, a download link (and a text view where that makes sense). */
export function FilesTable({ exportId, files }: { exportId: number; files: TExportedFile[] }) {
  return (
    <DataTable
      label="Files"
      columns={[
        { label: "File" },
        { label: "Format" },
        { label: "Records", align: "right" },
        { label: "Size", align: "right" },
        { label: "sha256" },
        { label: <HiddenLabel>Links</HiddenLabel> },
      ]}
    >
      {files.map((file) => (
        <tr key={file.name} data-testid={`file-${file.name}`}>
          <td className="px-4 py-2 font-mono text-xs">{file.name}</td>
          <td className="px-3 py-2 text-slate-600">{file.format}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatCount(file.records)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatBytes(file.bytes)}</td>
          <td className="break-all px-3 py-2 font-mono text-[11px] text-slate-500">
            {file.sha256}
          </td>
          <td className="whitespace-nowrap px-3 py-2 text-right">
            {VIEWABLE.test(file.name) && (
              <a href={fileUrl(exportId, file.name, true)} target="_blank" rel="noreferrer" className="mr-3 text-indigo-700 hover:underline">
                view
              </a>
            )}
            <a href={fileUrl(exportId, file.name)} download className="font-medium text-indigo-700 hover:underline" aria-label={`Download ${file.name}`}>
              download
            </a>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
