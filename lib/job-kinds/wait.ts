/**
 * Waits for a queued job of any kind until it ends, handing each reading to
 * the caller (what every CLI `--queue` prints). Progress is written at most
 * once a second, so polling twice a second misses nothing.
 */
import type { TActor } from "@/lib/access/actor";
import { checkAsJob } from "./check-job";
import { getJobById, type TJob, type TJobState } from "./jobs";

export const ENDED_STATES: ReadonlySet<TJobState> = new Set(["done", "failed", "cancelled"]);

/** How to read the job followed: one job by id, or a task made of many jobs read as one (a contamination check). */
export type TJobReader = () => Promise<TJob>;

export const readJob = (actor: TActor, jobId: string): TJobReader => () => getJobById(actor, jobId);

/** A queued check as one job (its ranges are many); a check with no range jobs ran in its own process. */
export const readCheck = (actor: TActor, runId: number): TJobReader => async () => {
  const job = await checkAsJob(actor, runId);
  if (!job) throw new Error(`contamination run ${runId} has no jobs: it was not queued`);
  return job;
};

/** The job once it is done, failed or cancelled (a failure the engine will retry keeps it waiting). */
export async function waitForJob(read: TJobReader, onReading: (job: TJob) => void, pollMs = 500): Promise<TJob> {
  for (;;) {
    const job = await read();
    onReading(job);
    if (ENDED_STATES.has(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
