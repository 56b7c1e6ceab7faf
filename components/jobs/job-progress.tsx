"use client";

import { useState } from "react";
import { percentOf, ProgressBar } from "@/components/ui/progress-bar";
import type { TJob } from "@/lib/job-kinds/jobs";
import { formatJobCounts, JOB_STATE_STYLES, jobEta } from "./format";
import { controlJob, isActiveJob, useJob } from "./use-job";

type TViewProps = {
  job: TJob;
  /** The browser's time of the last reading (ETA), null before mount. */
  now: number | null;
  /** Whether this user may cancel and retry jobs of this kind (the server checks again). */
  canControl?: boolean;
  /** The job as the server answered a cancel or retry. */
  onChanged?: (job: TJob) => void;
  onError?: (message: string) => void;
  error?: string | null;
  label?: string;
  wide?: boolean;
};

/** A job's state, bar, counts, ETA and error, with cancel / retry for those allowed: draws only (the caller polls). */
export function JobProgressView({ job, now, canControl = false, onChanged, onError, error, label, wide = false }: TViewProps) {
  const [busy, setBusy] = useState(false);
  const active = isActiveJob(job);
  const counts = formatJobCounts(job);
  const eta = jobEta(job, now);

  async function control(action: "cancel" | "retry") {
    setBusy(true);
    const answer = await controlJob(job.id, action);
    setBusy(false);
    if (!answer.ok) return onError?.(answer.message);
    onChanged?.(answer.data);
  }

  return (
    <div className="space-y-1 text-sm" data-testid="job-progress">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${JOB_STATE_STYLES[job.state] ?? "bg-slate-100"}`} data-testid="job-state">
          {job.state}
        </span>
        {canControl && active && (
          <button type="button" disabled={busy} onClick={() => control("cancel")} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50">
            Cancel
          </button>
        )}
        {canControl && (job.state === "failed" || job.state === "cancelled") && (
          <button type="button" disabled={busy} onClick={() => control("retry")} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50">
            Retry
          </button>
        )}
      </div>
      {(active || job.state === "done") && job.progress && (
        <ProgressBar
          percent={job.state === "done" ? 100 : percentOf(job.progress.done, job.progress.total ?? 0)}
          label={label ?? `${job.kind} job progress`}
          className={wide ? "w-full min-w-64 max-w-md" : "w-48"}
        />
      )}
      <p className={`tabular-nums text-slate-600 ${wide ? "text-xs" : "whitespace-nowrap text-[11px]"}`} data-testid="job-counts">
        {active && !job.progress ? (job.state === "queued" ? "waiting for a worker" : "starting…") : [counts, eta].filter(Boolean).join(" · ")}
      </p>
      {job.error && (job.state === "failed" || active) && (
        <p className="whitespace-pre-wrap text-xs text-rose-700" role="alert" data-testid="job-error">
          {job.error}
        </p>
      )}
      {error && <p className="text-xs text-rose-700" role="alert">{error}</p>}
    </div>
  );
}

/**
 * The one progress display of every page that starts a job, of any kind: polls
 * the job about once a second while it runs and calls onEnded once it ends.
 */
export function JobProgress({
  jobId,
  initial,
  canControl,
  onEnded,
  label,
  wide,
  path,
}: {
  /** The job's id, or the task's when `path` answers for a task of many jobs. */
  jobId: string;
  /** The API path to poll instead of /api/v1/jobs/:id (a contamination check, GET /api/v1/contamination/runs/:id/job). */
  path?: string;
  initial?: TJob | null;
  canControl?: boolean;
  onEnded?: (job: TJob) => void;
  label?: string;
  wide?: boolean;
}) {
  const { job, error, now, replace, fail } = useJob(jobId, { initial, onEnded, path });
  if (!job) return <p className="text-xs text-slate-500" data-testid="job-progress">{error ?? "reading the job…"}</p>;
  return <JobProgressView job={job} now={now} canControl={canControl} onChanged={replace} onError={fail} error={error} label={label} wide={wide} />;
}
