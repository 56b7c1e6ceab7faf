"use client";

import { type ColumnDef, columnVisibilityFeature, tableFeatures } from "@tanstack/react-table";
import Link from "next/link";
import { CONTAMINATION_STYLES, formatDateTime, formatReward, STATUS_STYLES } from "@/components/ui/format";
import type { TTrajectoryRow } from "@/lib/trajectories/list-trajectories";
import { SORT_KEYS, type TColumnId, type TSortKey } from "@/lib/trajectories/query";

export const tableFeatureSet = tableFeatures({ columnVisibilityFeature });

export const COLUMN_LABELS: Record<TColumnId, string> = {
  id: "Trajectory",
  dataset: "Dataset",
  task: "Task",
  model: "Source model",
  reward: "Reward",
  status: "Status",
  turns: "Turns",
  formatErrors: "Format errors",
  contamination: "Contamination",
  reviewer: "Last reviewer",
  updated: "Updated",
};

export function isSortable(id: string): id is TSortKey {
  return (SORT_KEYS as readonly string[]).includes(id);
}

/** The table's columns; `replayHref` carries the table's filter into the replay. */
export function trajectoryColumns(replayHref: (id: string) => string): ColumnDef<typeof tableFeatureSet, TTrajectoryRow>[] {
  return [
    {
      id: "id",
      header: COLUMN_LABELS.id,
      cell: ({ row }) => (
        <div className="w-80 max-w-md">
          <Link href={replayHref(row.original.id)} className="font-mono text-xs font-medium text-indigo-700 hover:underline">
            {row.original.externalId}
          </Link>
          <div className="truncate text-xs text-slate-500" title={row.original.instruction}>{row.original.instruction || "(no instruction)"}</div>
        </div>
      ),
    },
    { id: "dataset", header: COLUMN_LABELS.dataset, cell: ({ row }) => <span className="whitespace-nowrap text-xs">{row.original.dataset}</span> },
    { id: "task", header: COLUMN_LABELS.task, cell: ({ row }) => <span className="font-mono text-xs">{row.original.task}</span> },
    { id: "model", header: COLUMN_LABELS.model, cell: ({ row }) => <span className="text-xs">{row.original.sourceModel ?? "—"}</span> },
    {
      id: "reward",
      header: COLUMN_LABELS.reward,
      cell: ({ row }) => <span className="tabular-nums">{formatReward(row.original.reward)}</span>,
    },
    {
      id: "status",
      header: COLUMN_LABELS.status,
      cell: ({ row }) => (
        <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_STYLES[row.original.status]}`}>{row.original.status}</span>
      ),
    },
    { id: "turns", header: COLUMN_LABELS.turns, cell: ({ row }) => <span className="tabular-nums">{row.original.turnCount}</span> },
    {
      id: "formatErrors",
      header: COLUMN_LABELS.formatErrors,
      cell: ({ row }) => (
        <span className="tabular-nums">
          {row.original.formatErrorCount > 0 ? <span className="text-rose-700">{row.original.formatErrorCount}</span> : "0"}
          {row.original.hasLoop && <span className="ml-1.5 rounded bg-amber-100 px-1 text-xs text-amber-800" title="Repeats the same failed action 3+ times">loop</span>}
        </span>
      ),
    },
    {
      id: "contamination",
      header: COLUMN_LABELS.contamination,
      cell: ({ row }) =>
        row.original.contaminationLabel ? (
          <span className={`rounded px-1.5 py-0.5 text-xs ${CONTAMINATION_STYLES[row.original.contaminationLabel] ?? ""}`}>{row.original.contaminationLabel}</span>
        ) : (
          <span className="text-xs text-slate-400">not checked</span>
        ),
    },
    { id: "reviewer", header: COLUMN_LABELS.reviewer, cell: ({ row }) => <span className="text-xs">{row.original.lastReviewer ?? "—"}</span> },
    { id: "updated", header: COLUMN_LABELS.updated, cell: ({ row }) => <span className="whitespace-nowrap text-xs text-slate-600">{formatDateTime(row.original.updatedAt)}</span> },
  ];
}
