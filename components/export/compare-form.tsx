import type { TExport } from "@/lib/export/exports";
import { recipeLabel } from "./format";

/** Two exports to compare: a plain GET form to /exports/diff?from=A&to=B. */
export function CompareForm({ exports, from, to }: { exports: TExport[]; from?: number; to?: number }) {
  const comparable = exports.filter((entry) => entry.summary !== null);
  if (comparable.length < 2) return null;
  const option = (entry: TExport) => (
    <option key={entry.id} value={entry.id}>
      Export {entry.id}: {recipeLabel(entry)} ({entry.state})
    </option>
  );
  // Newest against the one before it, unless told; never an export against itself.
  const toId = to ?? comparable[0]!.id;
  const fromId = from ?? comparable.find((entry) => entry.id !== toId)!.id;
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <form action="/exports/diff" className="flex flex-wrap items-center gap-2 text-sm" aria-label="Compare two exports">
      <span className="font-medium text-slate-700">Compare</span>
      <select name="from" aria-label="Compare from" defaultValue={fromId} className={select}>
        {comparable.map(option)}
      </select>
      <span className="text-slate-500">with</span>
      <select name="to" aria-label="Compare to" defaultValue={toId} className={select}>
        {comparable.map(option)}
      </select>
      <button className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium text-slate-700 hover:bg-slate-50">Compare</button>
    </form>
  );
}
