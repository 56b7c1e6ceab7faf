/**
 * Waits for a queued import that a worker runs, reporting its progress (bytes
 * read, written by the worker at most once a second): what `import --queue`
 * prints. Ends with the engine's verdict and, once done, the import report.
 */
import { getJob } from "@/lib/jobs/engine";
import { readProgress } from "@/lib/jobs/progress";
import { importJob, type TImportJobOutput } from "./import-job";
import type { TImportReport } from "./options";

export type TImportWaitOutcome = { state: "done"; report: TImportReport } | { state: "failed" | "cancelled"; message: string };

export async function waitForImport(jobId: string, onProgress: (bytesRead: number, totalBytes: number) => void, pollMs = 500): Promise<TImportWaitOutcome> {
  let last = -1;
  for (;;) {
    const [job, progress] = await Promise.all([getJob(importJob.name, jobId), readProgress([jobId])]);
    const seen = progress.get(jobId);
    if (seen && seen.total !== null && seen.done !== last) {
      last = seen.done;
      onProgress(seen.done, seen.total);
    }
    if (!job) return { state: "failed", message: `job ${jobId} is gone` };
    const output = (job.output ?? null) as (Partial<TImportJobOutput> & { message?: string }) | null;
    if (job.state === "completed" && output?.report) return { state: "done", report: output.report };
    if (job.state === "completed" || job.state === "cancelled") return { state: "cancelled", message: `import job ${jobId} was cancelled: nothing was stored` };
    if (job.state === "failed") return { state: "failed", message: output?.message ?? `import job ${jobId} failed` };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
