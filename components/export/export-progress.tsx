"use client";

import { useRouter } from "next/navigation";
import { JobProgress } from "@/components/jobs/job-progress";
import type { TExport } from "@/lib/export/exports";
import { ACTIVE_STATES, STATE_STYLES } from "./format";

type TProgress = Pick<TExport, "state" | "error" | "jobId">;

/**
 * An export's state. While its job runs, the shared job progress (polled once a
 * second) stands in for it, and the page refreshes once the job ends, so the
 * export's own record (finished, failed, cancelled) shows again.
 */
export function ExportProgress({ exportId, initial, canCancel, wide = false }: { exportId: number; initial: TProgress; canCancel: boolean; wide?: boolean }) {
  const router = useRouter();
  if (ACTIVE_STATES.has(initial.state) && initial.jobId) {
    return (
      <div data-testid="export-progress" className={wide ? "min-w-72" : ""}>
        <JobProgress key={initial.jobId} jobId={initial.jobId} canControl={canCancel} onEnded={() => router.refresh()} label={`Export ${exportId} progress`} wide={wide} />
      </div>
    );
  }
  return (
    <div className="space-y-1 text-sm" data-testid="export-progress">
      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLES[initial.state] ?? "bg-slate-100"}`} data-testid="export-state">
        {initial.state}
      </span>
      {ACTIVE_STATES.has(initial.state) && <p className="text-xs text-slate-500">running outside the workers (the CLI); refresh to follow it</p>}
      {initial.state === "failed" && initial.error && <p className="text-xs text-rose-700" role="alert">{initial.error}</p>}
    </div>
  );
}
