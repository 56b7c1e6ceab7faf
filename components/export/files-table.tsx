import { formatCount } from "@/components/ui/format";
import type { TExportedFile } from "@/lib/export/manifest";
import { fileUrl, formatBytes } from "./format";

const VIEWABLE = /\.(jsonl?|md)$/;

/** A finished export's files: what each holds, its sha256, a download link (and a text view where that makes sense). */
export function FilesTable({ exportId, files }: { exportId: number; files: TExportedFile[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" aria-label="Files">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">File</th>
            <th className="px-3 py-2 font-medium">Format</th>
            <th className="px-3 py-2 text-right font-medium">Records</th>
            <th className="px-3 py-2 text-right font-medium">Size</th>
            <th className="px-3 py-2 font-medium">sha256</th>
            <th className="px-3 py-2 font-medium"><span className="sr-only">Links</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
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
        </tbody>
      </table>
    </div>
  );
}
