import type pg from "pg";
import type { z } from "zod";
import type { TActor } from "@/lib/access/actor";
import type { TScope } from "@/lib/access/roles";

/** What a running job sees of the engine: who it is, where to report progress, whether to stop. */
export type TJobContext = {
  jobId: string;
  /** 0 for the first run, then one more per retry (the engine's retry count). */
  attempt: number;
  /** No retry follows if this attempt fails. */
  lastAttempt: boolean;
  /** Records done of total (at most one write per second; a final call with force writes anyway). */
  progress(done: number, total: number | null, force?: boolean): Promise<void>;
  /** True once the worker is stopping: reach a safe point and hand the job back (throw JobHandedBack). */
  stopping(): boolean;
};

/** Thrown by a job that stopped at a safe point because its worker is stopping: the engine retries it. */
export class JobHandedBack extends Error {
  constructor() {
    super("handed back: the worker running it stopped");
  }
}

/** Thrown for a failure no retry can fix (a bad recipe, missing data): the job fails at once. */
export class JobFailedForGood extends Error {}

/** A kind of job: its payload, who may start or cancel it, its retry policy and timeout, and how to run it. */
export type TJobKind<P> = {
  name: string;
  payload: z.ZodType<P>;
  /** What progress counts (samples, trajectories, ranges). */
  unit: string;
  /** Starting, cancelling and retrying one needs this scope: the same permission as the task itself. */
  scope: TScope;
  retry: { limit: number; delaySeconds: number };
  /** A run longer than this is stopped by the engine and retried. */
  timeoutSeconds: number;
  /** A worker that stops sending heartbeats (killed) loses its job after this long: it is retried. */
  heartbeatSeconds: number;
  /** The record the job works on, for the jobs list's link (the export); output: what the job returned once done (an import's dataset). */
  result(payload: P, output?: Record<string, unknown> | null): { type: string; id: number; href: string } | null;
  /** Cancels through the task (so its record says so); without it the engine's cancel alone. */
  cancel?(actor: TActor, payload: P): Promise<void>;
  /** Resets the task's record for a retry, in the transaction that requeues the job. */
  beforeRetry?(client: pg.PoolClient, actor: TActor, payload: P, jobId: string): Promise<void>;
  /** Runs one attempt; its return value is stored as the job's output (links to the result). */
  run(payload: P, context: TJobContext): Promise<Record<string, unknown>>;
};
