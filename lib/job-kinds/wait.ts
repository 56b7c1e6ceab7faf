/**
 * Waits for a queued job of any kind until it ends, handing each reading to
 * the caller (what every CLI `--queue` prints). Progress is written at most
 * once a second, so polling twice a second misses nothing.
 */
import type { TActor } from "@/lib/access/actor";
import { getJobById, type TJob, type TJobState } from "./jobs";

export const ENDED_STATES: ReadonlySet<TJobState> = new Set(["done", "failed", "cancelled"]);

/** The job once it is done, failed or cancelled (a failure the engine will retry keeps it waiting). */
export async function waitForJob(actor: TActor, jobId: string, onReading: (job: TJob) => void, pollMs = 500): Promise<TJob> {
  for (;;) {
    const job = await getJobById(actor, jobId);
    onReading(job);
    if (ENDED_STATES.has(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
