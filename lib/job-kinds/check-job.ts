/**
 * A contamination check as one job for the pages: its ranges are many jobs of
 * the engine, but a person follows the check. The check's own record gives the
 * state and the progress (trajectories of the whole check); one of its range
 * jobs lends its id, so cancelling it through the jobs API cancels the check
 * (the kind's cancel hook), and its worker and who started it.
 */
import type { TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { contaminationJob } from "@/lib/contamination/contamination-job";
import { getRun, type TRunState } from "@/lib/contamination/run";
import { JOBS_SCHEMA, jobEngine } from "@/lib/jobs/engine";
import { getJobById, type TJob, type TJobState } from "./jobs";

const CHECK_STATES: Record<Exclude<TRunState, "running">, TJobState> = { queued: "queued", finished: "done", failed: "failed", cancelled: "cancelled" };

/** The check as a job, or null for a check run outside the workers (the CLI's own process). */
export async function checkAsJob(actor: TActor, runId: number): Promise<TJob | null> {
  const run = await getRun(actor, runId);
  await jobEngine(); // the engine's tables exist once it has started
  // A running range first (its worker), then a waiting one, then the last to end.
  const ranges = await pool().query<{ id: string; state: string }>(
    `select id::text, state::text from ${JOBS_SCHEMA}.job where name = $1 and (data->>'runId')::int = $2
      order by case when state = 'active' then 0 when state in ('created', 'retry') then 1 else 2 end, completed_on desc nulls last, id limit 1`,
    [contaminationJob.name, runId],
  );
  const lent = ranges.rows[0];
  if (!lent) return null;
  const job = await getJobById(actor, lent.id);
  // Running once a worker took a range (between two ranges too); queued until then.
  const started = lent.state === "active" || run.doneRanges > 0;
  const state: TJobState = run.state === "running" ? (started ? "running" : "queued") : CHECK_STATES[run.state];
  return {
    ...job,
    state,
    progress: { done: run.doneTrajectories, total: run.totalTrajectories, unit: contaminationJob.unit },
    startedAt: run.startedAt?.toISOString() ?? job.startedAt,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
    result: { type: "contamination_run", id: run.id, href: `/contamination/runs/${run.id}` },
    output: null,
  };
}
