"use client";

import { useTable } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import type { TTotal, TTrajectoryRow } from "@/lib/trajectories/list-trajectories";
import { COLUMN_IDS, filterOf, toSearchParams, type TColumnId, type TSortKey } from "@/lib/trajectories/query";
import { COLUMN_LABELS, COLUMN_WIDTHS, isSortable, SHORT_HEADERS, tableFeatureSet, trajectoryColumns } from "./columns";
import { ColumnMenu } from "./column-menu";
import { Pagination } from "./pagination";
import { SelectionBar, type TSelection } from "./selection-bar";
import { useTableUrl } from "./use-table-url";
import { StartReviewing } from "@/components/review/start-reviewing";

type TProps = { rows: TTrajectoryRow[]; next: string | null; previous: string | null; total: TTotal; canReview: boolean };

export function TrajectoryTable({ rows, next, previous, total, canReview }: TProps) {
  const { query, navigate, pending } = useTableUrl();
  const [selection, setSelection] = useState<TSelection>({ mode: "ids", ids: new Set() });
  const replayQuery = toSearchParams({ ...query, after: undefined, before: undefined }).toString();
  const columns = useMemo(
    () => trajectoryColumns((id) => `/trajectories/${id}${replayQuery ? `?${replayQuery}` : ""}`),
    [replayQuery],
  );
  const columnVisibility = Object.fromEntries(query.hide.map((id) => [id, false]));

  const table = useTable({
    features: tableFeatureSet,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    // Sorting and visibility live in the URL; the server sorts.
    state: { columnVisibility },
    onColumnVisibilityChange: () => {},
  });

  const pageIds = rows.map((row) => row.id);
  const allOnPage = selection.mode === "ids" && pageIds.length > 0 && pageIds.every((id) => selection.ids.has(id));
  const toggle = (id: string) =>
    setSelection((current) => {
      const ids = new Set(current.mode === "ids" ? current.ids : []);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { mode: "ids", ids };
    });

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600" data-testid="total">
          {total.estimated ? "about " : ""}
          <span className="font-medium text-slate-900">{total.value.toLocaleString("en")}</span>{" "}
          {total.value === 1 ? "trajectory matches" : "trajectories match"}
          {total.estimated && <span className="ml-1 text-xs text-slate-500">(estimated by PostgreSQL; exact below 10,000)</span>}
          {pending && <span className="ml-2 text-xs text-indigo-600" role="status">loading…</span>}
        </p>
        <span className="ml-auto" />
        {canReview && <StartReviewing filterQuery={toSearchParams(filterOf(query)).toString()} />}
        <ColumnMenu
          columns={COLUMN_IDS.map((id) => ({ id, label: COLUMN_LABELS[id], visible: !query.hide.includes(id) }))}
          onToggle={(id) => navigate({ hide: query.hide.includes(id) ? query.hide.filter((hidden) => hidden !== id) : [...query.hide, id] })}
        />
      </div>
      <SelectionBar
        selection={selection}
        pageCount={rows.length}
        total={total}
        filter={filterOf(query)}
        onSelectAllMatching={() => setSelection({ mode: "filter" })}
        onClear={() => setSelection({ mode: "ids", ids: new Set() })}
        canReview={canReview}
      />
      <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white ${pending ? "opacity-60" : ""}`}>
        <table className="w-full table-fixed text-sm" aria-label="Trajectories">
          <colgroup>
            <col style={{ width: "2.25rem" }} />
            {table.getVisibleLeafColumns().map((column) => (
              <col key={column.id} style={{ width: COLUMN_WIDTHS[column.id as TColumnId] }} />
            ))}
          </colgroup>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                <th className="px-2 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select this page"
                    checked={allOnPage || selection.mode === "filter"}
                    onChange={() => setSelection(allOnPage ? { mode: "ids", ids: new Set() } : { mode: "ids", ids: new Set(pageIds) })}
                  />
                </th>
                {group.headers.map((header) => {
                  const sortable = isSortable(header.column.id);
                  const sorted = query.sort === header.column.id ? query.dir : null;
                  return (
                    <th
                      key={header.id}
                      className="overflow-hidden px-2 py-2 align-bottom font-medium"
                      title={COLUMN_LABELS[header.column.id as TColumnId]}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                      {sortable ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 text-left uppercase hover:text-slate-900"
                          onClick={() => navigate({ sort: header.column.id as TSortKey, dir: sorted === "desc" ? "asc" : "desc" })}
                        >
                          <HeaderLabel id={header.column.id as TColumnId} />
                          <span aria-hidden className="text-slate-500">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                        </button>
                      ) : (
                        <HeaderLabel id={header.column.id as TColumnId} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50" data-testid="trajectory-row">
                <td className="px-2 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.original.externalId}`}
                    checked={selection.mode === "filter" || selection.ids.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </td>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="overflow-hidden px-2 py-2 align-top" data-column={cell.column.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination next={next} previous={previous} size={query.size} onPage={navigate} />
    </div>
  );
}

function HeaderLabel({ id }: { id: TColumnId }) {
  return <span>{SHORT_HEADERS[id] ?? COLUMN_LABELS[id]}</span>;
}
