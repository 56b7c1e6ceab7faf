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
  passes: "Passes",
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
    { id: "passes", header: COLUMN_LABELS.passes, cell: ({ row }) => <PassesCell passes={row.original.passes} hasReward={row.original.reward !== null} /> },
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
          <span className="text-xs text-slate-500">not checked</span>
        ),
    },
    {
      id: "reviewer",
      header: COLUMN_LABELS.reviewer,
      cell: ({ row }) => (
        <span className="whitespace-nowrap text-xs">
          {row.original.lastReviewer ?? "—"}
          {row.original.reviewCount > 0 && <span className="ml-1 text-slate-500">({row.original.reviewCount} review{row.original.reviewCount > 1 ? "s" : ""})</span>}
          {row.original.thoughtRewritten && <span className="ml-1 rounded bg-violet-100 px-1 text-violet-800" title="a thought of this trajectory was rewritten">rewritten</span>}
        </span>
      ),
    },
    { id: "updated", header: COLUMN_LABELS.updated, cell: ({ row }) => <span className="whitespace-nowrap text-xs text-slate-600">{formatDateTime(row.original.updatedAt)}</span> },
  ];
}

/** Whether the trajectory reaches its task's current threshold (set on the thresholds page). */
function PassesCell({ passes, hasReward }: { passes: boolean | null; hasReward: boolean }) {
  if (passes === null) return <span className="text-xs text-slate-500" title="General data is not filtered by reward">n/a</span>;
  const why = hasReward ? "reward against its task's threshold" : "no reward: treated as the team set on the thresholds page";
  return passes ? (
    <span className="whitespace-nowrap rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800" title={`Passes (${why})`}>{hasReward ? "passes" : "kept, no reward"}</span>
  ) : (
    <span className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" title={`Does not pass (${why})`}>{hasReward ? "below" : "excluded, no reward"}</span>
  );
}
