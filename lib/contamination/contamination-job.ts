/**
 * The contamination kind: one job per range of a check (run.ts plans the
 * ranges and enqueues their jobs with the run). A worker claims its range,
 * scans it and commits it (scan-range.ts); a range already done by an earlier
 * attempt is not redone. Whoever completes the last range finishes the run
 * (finish.ts), exactly once. A worker killed mid-range loses only that range:
 * the engine retries its job, which scans it again from the start.
 */
import { z } from "zod";
import { pool, prisma } from "@/lib/db/client";
import { UserFacingError } from "@/lib/errors";
import { ZJobActor } from "@/lib/jobs/actor";
import { JobHandedBack, type TJobContext, type TJobKind } from "@/lib/jobs/context";
import { finishRun } from "./finish";
import type { TCheckParams } from "./params";
import { scopeOf, type TTrainingScope } from "./run-datasets";
import { cancelRun, failRun, loadIndex } from "./run";
import { commitRange, scanRange, type TClaimedRange } from "./scan-range";
import type { TTestIndex } from "./test-index";

export const ZContaminationJob = z.object({ runId: z.number().int().positive(), rangeId: z.number().int().positive(), actor: ZJobActor }).strict();
export type TContaminationJob = z.infer<typeof ZContaminationJob>;

type TLoadedRun = { testSetId: number; params: TCheckParams; index: TTestIndex; scope: TTrainingScope };

// A worker runs many ranges of the same run: the test index is built once per run and process (the last two runs kept).
const loaded = new Map<number, Promise<TLoadedRun>>();

function loadRun(runId: number, testSetId: number, params: TCheckParams): Promise<TLoadedRun> {
  let found = loaded.get(runId);
  if (!found) {
    found = (async () => ({ testSetId, params, index: await loadIndex(testSetId, params), scope: await scopeOf(params) }))();
    found.catch(() => loaded.delete(runId));
    loaded.set(runId, found);
    for (const old of loaded.keys()) if (loaded.size > 2 && old !== runId) loaded.delete(old);
  }
  return found;
}

/** Takes the job's range unless it is done; a claim left by a killed attempt is taken over (the engine runs one attempt at a time). */
async function claimRange(runId: number, rangeId: number): Promise<TClaimedRange | null> {
  const claimed = await pool().query<TClaimedRange>(
    `update contamination_run_ranges set state = 'running', claimed_at = clock_timestamp()
      where id = $1 and run_id = $2 and state <> 'done'
      returning id, from_id::text as "fromId", to_id::text as "toId", claimed_at as "claimedAt"`,
    [rangeId, runId],
  );
  return claimed.rows[0] ?? null;
}

async function runRange(payload: TContaminationJob, context: TJobContext): Promise<Record<string, unknown>> {
  const { runId, rangeId, actor } = payload;
  const run = await prisma().contaminationRun.findUnique({ where: { id: runId }, select: { state: true, testSetId: true, params: true } });
  if (run?.state !== "running") return { run: runId, range: rangeId, skipped: run?.state ?? "deleted" };
  const { params, index, scope } = await loadRun(runId, run.testSetId, run.params as TCheckParams);
  const range = await claimRange(runId, rangeId);
  if (range) {
    const scanned = await scanRange(index, params, scope, runId, range, context.stopping);
    if (!scanned) return { run: runId, range: rangeId, skipped: "cancelled" };
    await commitRange(runId, range, scope, scanned);
  }
  const progress = await prisma().contaminationRun.findUnique({ where: { id: runId }, select: { doneTrajectories: true, totalTrajectories: true } });
  if (progress) await context.progress(progress.doneTrajectories, progress.totalTrajectories, true);
  const finished = await finishRun(actor, runId, index, scope);
  return { run: runId, range: rangeId, finishedRun: finished };
}

export const contaminationJob: TJobKind<TContaminationJob> = {
  name: "contamination",
  payload: ZContaminationJob,
  unit: "trajectories",
  scope: "review:write",
  retry: { limit: 3, delaySeconds: 1 },
  timeoutSeconds: 60 * 60,
  heartbeatSeconds: 10,
  result: (payload) => ({ type: "contamination_run", id: payload.runId, href: `/contamination/runs/${payload.runId}` }),
  // Cancelling one range cancels the check (and every range job of it), audited.
  async cancel(actor, payload) {
    await cancelRun(actor, payload.runId);
  },
  // A check that ended stays ended: its other ranges were skipped, so a retry would not complete it.
  async beforeRetry(_client, _actor, payload) {
    throw new UserFacingError(`contamination run ${payload.runId}: a range of a check that ended cannot be retried alone; start a new check`);
  },
  async run(payload, context) {
    try {
      return await runRange(payload, context);
    } catch (error) {
      // The run fails with the range's last attempt; earlier attempts are retried by the engine.
      if (context.lastAttempt && !(error instanceof JobHandedBack)) await failRun(payload.runId, error);
      throw error;
    }
  },
};
