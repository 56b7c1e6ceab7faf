import type { TJob } from "@/lib/job-kinds/jobs";
import { waitForJob, type TJobReader } from "@/lib/job-kinds/wait";
import { ProgressOutput, type TProgressUpdate } from "./progress-output";

/** A job's reading as the progress output takes it (a job that has not reported yet is at 0 of ?). */
export function jobUpdate(job: TJob): TProgressUpdate {
  return { kind: job.kind, id: job.id, state: job.state, done: job.progress?.done ?? 0, total: job.progress?.total ?? null, unit: job.progress?.unit ?? job.unit };
}

/**
 * Waits for a queued job, printing its progress (bar on a terminal, JSON lines
 * with --json): every `--queue` (import, export, contamination run) and `jobs show --wait` use this.
 */
export async function followJob(read: TJobReader, json: boolean): Promise<TJob> {
  let output: ProgressOutput | null = null;
  const final = await waitForJob(read, (job) => {
    output ??= new ProgressOutput({ json, startedAt: job.startedAt ? Date.parse(job.startedAt) : undefined });
    output.update(jobUpdate(job));
  });
  (output as ProgressOutput | null)?.end();
  return final;
}
