import type { TImportError } from "@/lib/import/options";

/** The records an import skipped, by line (or record number) with the message; the messages render as text. */
export function ImportErrorsTable({ errors, errorCount }: { errors: TImportError[]; errorCount: number }) {
  return (
    <>
      <table className="mt-2 w-full text-left text-sm" aria-label="Bad records" data-testid="import-errors">
        <thead className="text-xs uppercase text-slate-500">
          <tr><th className="py-1 pr-4 font-medium">Where</th><th className="py-1 font-medium">Problem</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {errors.map((error, position) => (
            <tr key={position}>
              <td className="whitespace-nowrap py-1 pr-4 font-mono text-xs">{error.line !== null ? `line ${error.line}` : `record ${error.record}`}</td>
              <td className="py-1 text-slate-700">{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errorCount > errors.length && <p className="mt-1 text-xs text-slate-500">…and {(errorCount - errors.length).toLocaleString("en")} more (the first {errors.length.toLocaleString("en")} are kept).</p>}
    </>
  );
}
