/**
 * Progress of running jobs, in a small table of our own keyed by job id (the
 * engine has no progress field): done of total, in the kind's unit. Writers
 * are throttled to one write per second per job, so progress stays cheap.
 */
import { pool, prisma } from "@/lib/db/client";
import { JOBS_SCHEMA } from "./engine";

export type TJobProgress = { done: number; total: number | null; unit: string; worker: string | null; updatedAt: string };

export const PROGRESS_EVERY_MS = 1000;

/** Writes one job's progress, skipping calls that come sooner than a second after the last write. */
export class ProgressWriter {
  private lastWrite = -Infinity;

  constructor(
    private readonly jobId: string,
    private readonly kind: string,
    private readonly unit: string,
    private readonly worker: string | null = null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns whether it wrote. force: write even within the second (the last report of a run). */
  async report(done: number, total: number | null, force = false): Promise<boolean> {
    if (!force && this.now() - this.lastWrite < PROGRESS_EVERY_MS) return false;
    this.lastWrite = this.now();
    const values = { done: BigInt(done), total: total === null ? null : BigInt(total), worker: this.worker, updatedAt: new Date() };
    await prisma().jobProgress.upsert({
      where: { jobId: this.jobId },
      create: { jobId: this.jobId, kind: this.kind, unit: this.unit, ...values },
      update: values,
    });
    return true;
  }
}

/** Progress of the given jobs (jobs that never reported are absent). */
export async function readProgress(jobIds: string[]): Promise<Map<string, TJobProgress>> {
  const rows = await prisma().jobProgress.findMany({ where: { jobId: { in: jobIds } } });
  return new Map(
    rows.map((row) => [row.jobId, { done: Number(row.done), total: row.total === null ? null : Number(row.total), unit: row.unit, worker: row.worker, updatedAt: row.updatedAt.toISOString() }]),
  );
}

/**
 * Deletes the progress of jobs the engine no longer has: it deletes finished
 * jobs after its retention (7 days), and their progress goes with them. Workers
 * run it now and then (lib/jobs/worker.ts); returns the rows deleted.
 */
export async function pruneProgress(): Promise<number> {
  const deleted = await pool().query(`delete from job_progress p where not exists (select 1 from ${JOBS_SCHEMA}.job j where j.id = p.job_id)`);
  return deleted.rowCount ?? 0;
}
