"use client";

import { PAGE_SIZES, type TTrajectoryQuery } from "@/lib/trajectories/query";

type TProps = {
  next: string | null;
  previous: string | null;
  size: number;
  onPage: (changes: Partial<TTrajectoryQuery>) => void;
};

/** Keyset pages: previous / next follow cursors, so no page is ever counted or skipped over. */
export function Pagination({ next, previous, size, onPage }: TProps) {
  const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40";
  return (
    <nav className="flex items-center justify-between text-sm" aria-label="Pages">
      <label className="flex items-center gap-2 text-slate-600">
        Rows per page
        <select
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
          value={size}
          onChange={(event) => onPage({ size: Number(event.target.value) as TTrajectoryQuery["size"] })}
        >
          {PAGE_SIZES.map((option) => <option key={option}>{option}</option>)}
        </select>
      </label>
      <div className="flex gap-2">
        <button type="button" className={button} disabled={!previous} onClick={() => previous && onPage({ before: previous, after: undefined })}>
          ← Previous
        </button>
        <button type="button" className={button} disabled={!next} onClick={() => next && onPage({ after: next, before: undefined })}>
          Next →
        </button>
      </div>
    </nav>
  );
}
