"use client";

import type { TColumnId } from "@/lib/trajectories/query";

type TProps = { columns: { id: TColumnId; label: string; visible: boolean }[]; onToggle: (id: TColumnId) => void };

export function ColumnMenu({ columns, onToggle }: TProps) {
  return (
    <details className="relative text-sm">
      <summary className="cursor-pointer select-none rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50">Columns</summary>
      <div className="absolute right-0 z-10 mt-1 w-52 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        {columns.map((column) => (
          <label key={column.id} className="flex items-center gap-2 rounded px-2 py-1 hover:bg-slate-50">
            <input type="checkbox" checked={column.visible} onChange={() => onToggle(column.id)} disabled={column.id === "id"} />
            {column.label}
          </label>
        ))}
      </div>
    </details>
  );
}
