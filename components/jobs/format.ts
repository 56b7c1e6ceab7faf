/** Display helpers of job progress (client and server). */
import { formatCount } from "@/components/ui/format";
import { etaSeconds, formatEta } from "@/lib/jobs/eta";
import type { TJob } from "@/lib/job-kinds/jobs";

export const JOB_STATE_STYLES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-indigo-100 text-indigo-800",
  done: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
  cancelled: "bg-amber-100 text-amber-800",
};

/** "120 / 400 samples", "12 samples" while the total is unknown, "" before the first report. */
export function formatJobCounts(job: Pick<TJob, "progress">): string {
  const progress = job.progress;
  if (!progress) return "";
  return progress.total === null ? `${formatCount(progress.done)} ${progress.unit}` : `${formatCount(progress.done)} / ${formatCount(progress.total)} ${progress.unit}`;
}

/** "about 2 min left" for a running job, at the rate since it started; "" when unknown or `now` is not known yet. */
export function jobEta(job: Pick<TJob, "state" | "progress" | "startedAt">, now: number | null): string {
  if (job.state !== "running" || !job.progress || !job.startedAt || now === null) return "";
  return formatEta(etaSeconds(job.progress, { at: Date.parse(job.startedAt), done: 0 }, now));
}

/** "4 s", "3 min 20 s", "1 h 2 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** The first 8 characters of a job id (the full id is in the title). */
export const shortJobId = (id: string) => id.slice(0, 8);
