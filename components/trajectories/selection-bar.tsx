"use client";

import { BulkDecision } from "@/components/review/bulk-decision";
import type { TTotal } from "@/lib/trajectories/list-trajectories";
import { type TTrajectoryFilter, toSearchParams } from "@/lib/trajectories/query";

/** Either some rows picked by id, or everything matching the filter (sent as the filter, never as ids). */
export type TSelection = { mode: "ids"; ids: Set<string> } | { mode: "filter" };

type TProps = {
  selection: TSelection;
  pageCount: number;
  total: TTotal;
  filter: TTrajectoryFilter;
  onSelectAllMatching: () => void;
  onClear: () => void;
  canReview: boolean;
};

export function SelectionBar({ selection, pageCount, total, filter, onSelectAllMatching, onClear, canReview }: TProps) {
  if (selection.mode === "ids" && selection.ids.size === 0) return null;
  const filterQuery = toSearchParams(filter).toString();
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md bg-indigo-50 px-4 py-2 text-sm text-indigo-900" role="status" data-testid="selection-bar">
      {selection.mode === "filter" ? (
        <span>
          All <b>{total.estimated ? "≈" : ""}{total.value.toLocaleString("en")}</b> trajectories matching this filter are selected.
          Bulk actions act on the filter{" "}
          <code className="rounded bg-white px-1 text-xs" data-testid="selection-filter">{filterQuery || "(no filter: everything)"}</code>.
        </span>
      ) : (
        <span>
          <b>{selection.ids.size}</b> selected on this page.
          {selection.ids.size === pageCount && (
            <button type="button" className="ml-2 font-medium underline" onClick={onSelectAllMatching}>
              Select all {total.estimated ? "≈" : ""}{total.value.toLocaleString("en")} matching this filter
            </button>
          )}
        </span>
      )}
      {selection.mode === "filter" && canReview && <BulkDecision filterQuery={filterQuery} total={total.value} />}
      {selection.mode === "ids" && <span className="text-xs text-indigo-700">Select all matching to decide them in bulk.</span>}
      <button type="button" className="ml-auto text-xs underline" onClick={onClear}>Clear selection</button>
    </div>
  );
}
