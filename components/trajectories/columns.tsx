"use client";

import { type ColumnDef, columnVisibilityFeature, tableFeatures } from "@tanstack/react-table";
import Link from "next/link";
import { CONTAMINATION_STYLES, formatDateTime, formatReward, STATUS_STYLES } from "@/components/ui/format";
import type { TTrajectoryRow } from "@/lib/trajectories/list-trajectories";
import { countOf, type TInstructionPreview } from "@/lib/trajectories/instruction-preview";
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

/**
 * Fixed widths (padding included) so the default columns fit 1,280 px beside the
 * filters; the trajectory column (id + instruction) takes the rest. Cells truncate
 * with the full text as a tooltip.
 */
export const COLUMN_WIDTHS: Partial<Record<TColumnId, string>> = {
  dataset: "5.25rem",
  task: "4.5rem",
  model: "4.75rem",
  reward: "3.5rem",
  passes: "4rem",
  status: "4.5rem",
  turns: "3.25rem",
  formatErrors: "3.75rem",
  contamination: "4.5rem",
  reviewer: "4.5rem",
  updated: "5.5rem",
};

/** Headers too long for their column say less; the full label is the tooltip and the column menu's. */
export const SHORT_HEADERS: Partial<Record<TColumnId, string>> = { formatErrors: "Errors", contamination: "Contam.", reviewer: "Reviewer", model: "Model" };

export function isSortable(id: string): id is TSortKey {
  return (SORT_KEYS as readonly string[]).includes(id);
}

/** The table's columns; `replayHref` carries the table's filter into the replay. */
export function trajectoryColumns(replayHref: (id: string) => string): ColumnDef<typeof tableFeatureSet, TTrajectoryRow>[] {
  return [
    {
      id: "id",
      header: COLUMN_LABELS.id,
      cell: ({ row }) => <TrajectoryCell row={row.original} href={replayHref(row.original.id)} />,
    },
    { id: "dataset", header: COLUMN_LABELS.dataset, cell: ({ row }) => <Clipped className="text-xs" text={row.original.dataset} /> },
    { id: "task", header: COLUMN_LABELS.task, cell: ({ row }) => <Clipped className="font-mono text-xs" text={row.original.task} /> },
    { id: "model", header: COLUMN_LABELS.model, cell: ({ row }) => <Clipped className="text-xs" text={row.original.sourceModel ?? "—"} /> },
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
        <span className={`rounded px-1 py-0.5 text-[11px] ${STATUS_STYLES[row.original.status]}`}>{row.original.status}</span>
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
        <div className="text-xs">
          <Clipped text={row.original.lastReviewer ?? "—"} />
          {row.original.reviewCount > 0 && <div className="text-slate-500">{countOf(row.original.reviewCount, "review")}</div>}
          {row.original.thoughtRewritten && <span className="rounded bg-violet-100 px-1 text-violet-800" title="a thought of this trajectory was rewritten">rewritten</span>}
        </div>
      ),
    },
    {
      id: "updated",
      header: COLUMN_LABELS.updated,
      cell: ({ row }) => (
        <span className="text-xs text-slate-600" title={formatDateTime(row.original.updatedAt)}>
          {row.original.updatedAt.slice(0, 10)}
          <br />
          {row.original.updatedAt.slice(11, 16)} UTC
        </span>
      ),
    },
  ];
}

/** One line that ends in "…" when it does not fit; the whole text is the tooltip. */
function Clipped({ text, className = "" }: { text: string; className?: string }) {
  return <div className={`truncate ${className}`} title={text}>{text}</div>;
}

const PREVIEW_MARKS: Record<TInstructionPreview["source"], string | null> = {
  instruction: null,
  user: "first human turn",
  assistant: "first assistant turn",
  none: null,
};

/**
 * The external id (the replay link), what tells rows sharing it apart (NAT samples
 * one question several times), and the instruction's own sentence, or the first
 * human/assistant text, marked as such, when the row has no instruction.
 */
function TrajectoryCell({ row, href }: { row: TTrajectoryRow; href: string }) {
  const mark = PREVIEW_MARKS[row.preview.source];
  return (
    <div className="min-w-0">
      <Link href={href} className="block truncate font-mono text-xs font-medium text-indigo-700 hover:underline" title={row.externalId}>
        {row.externalId}
      </Link>
      {row.sample.of > 1 && (
        <div className="truncate text-xs text-slate-500" data-testid="sample-of" title={`${row.sample.of} rows of ${row.dataset} share this id`}>
          sample {row.sample.number} of {row.sample.of}
          {row.sourceModel ? ` · ${row.sourceModel}` : ""}
        </div>
      )}
      <div className="truncate text-xs text-slate-500" title={row.preview.text} data-testid="instruction-preview">
        {mark && <span className="mr-1 rounded bg-slate-100 px-1 text-slate-600">{mark}</span>}
        {row.preview.text || "(no instruction)"}
      </div>
    </div>
  );
}

/** Whether the trajectory reaches its task's current threshold (set on the thresholds page). */
function PassesCell({ passes, hasReward }: { passes: boolean | null; hasReward: boolean }) {
  if (passes === null) return <span className="text-xs text-slate-500" title="General data is not filtered by reward">n/a</span>;
  const why = hasReward ? "reward against its task's threshold" : "no reward: treated as the team set on the thresholds page";
  return passes ? (
    <span className="inline-block rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800" title={`Passes (${why})`}>{hasReward ? "passes" : "kept, no reward"}</span>
  ) : (
    <span className="inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" title={`Does not pass (${why})`}>{hasReward ? "below" : "excluded, no reward"}</span>
  );
}
