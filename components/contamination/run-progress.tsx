"use client";

import { useRouter } from "next/navigation";
import { JobProgress } from "@/components/jobs/job-progress";
import { ProgressBar, percentOf } from "@/components/ui/progress-bar";
import type { TJob } from "@/lib/job-kinds/jobs";

type TRunProgress = { state: string; doneTrajectories: number; totalTrajectories: number; error: string | null };

const ACTIVE = new Set(["queued", "running"]);

/**
 * A check's state. While the workers run it, the shared job progress (the
 * check as one job, polled once a second) stands in for it, and the page
 * refreshes once it ends, so the check's own record and report show.
 */
export function RunProgress({ runId, initial, job, canCancel }: { runId: number; initial: TRunProgress; job: TJob | null; canCancel: boolean }) {
  const router = useRouter();
  if (ACTIVE.has(initial.state) && job) {
    return (
      <div data-testid="run-progress">
        <JobProgress
          key={job.id}
          jobId={job.id}
          initial={job}
          path={`/api/v1/contamination/runs/${runId}/job`}
          canControl={canCancel}
          onEnded={() => router.refresh()}
          label={`Check ${runId} progress`}
          wide
        />
      </div>
    );
  }
  const percent = initial.totalTrajectories ? percentOf(initial.doneTrajectories, initial.totalTrajectories) : 100;
  return (
    <div className="space-y-1 text-sm" data-testid="run-progress">
      <div className="flex items-center gap-3">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs" data-testid="run-state">{initial.state}</span>
        <span className="tabular-nums text-xs text-slate-600">
          {initial.doneTrajectories.toLocaleString("en")} / {initial.totalTrajectories.toLocaleString("en")} trajectories
        </span>
      </div>
      <ProgressBar percent={percent} label={`Check ${runId} progress`} className="w-64" />
      {ACTIVE.has(initial.state) && <p className="text-xs text-slate-500">running outside the workers (the CLI); refresh to follow it</p>}
      {initial.error && <p className="text-xs text-rose-700" role="alert">{initial.error}</p>}
    </div>
  );
}
