/**
 * Bulk review actions as jobs, on the real embedded PostgreSQL with workers as
 * real child processes (scripts/worker.ts): a worker killed with SIGKILL
 * mid-action loses nothing (another worker resumes after the last committed
 * batch, every match is decided exactly once, with one audit event each and
 * one summary), and a cancel reaches a running action within 2 s, keeping the
 * batches committed before it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/access/actor";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { cancelJobById, getJobById, retryJobById } from "@/lib/job-kinds/jobs";
import { getJob, stopJobEngine } from "@/lib/jobs/engine";
import { filterFromSearch } from "@/lib/trajectories/query";
import { useTestDatabase } from "@/testing/database";
import { eventually, settledJob, startTestWorker, type TTestWorker } from "@/testing/workers";
import { cancelBulkAction, getBulkAction, startBulkAction, type TBulkAction } from "./bulk";
import { BULK_REVIEW_KIND } from "./bulk-job";

const databaseUrl = useTestDatabase();
const MATCHES = 300;
let admin: TActor;
const workers: TTestWorker[] = [];

function worker(): TTestWorker {
  // Five trajectories per batch: the action takes seconds, so it can be killed or cancelled mid-way.
  const started = startTestWorker({ DATABASE_URL: databaseUrl(), BULK_BATCH_SIZE: "5" });
  workers.push(started);
  return started;
}

/** MATCHES pending trajectories of their own task, so each test's filter matches only its own. */
async function seedTask(task: string): Promise<string[]> {
  const inserted = await pool().query<{ id: string }>(
    `insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count, token_count, content_hash)
     select 1, $1 || '_' || i, $1, 'q ' || i, 2, 1, 5, md5($1 || i::text) from generate_series(1, $2::int) i returning id::text`,
    [task, MATCHES],
  );
  return inserted.rows.map((row) => row.id);
}

beforeAll(async () => {
  await createFirstAdmin({ email: "admin@lab.org", password: "bulk job test password", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
  const id = (await pool().query<{ id: number }>("select id from users where email = 'admin@lab.org'")).rows[0]!.id;
  admin = { kind: "user", id, email: "admin@lab.org", role: "admin", via: "cli", context: { requestId: null, ip: null } };
  await pool().query("insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values (1, 'd', 'd.jsonl', 'agentinstruct', 'x', 1, 'test')");
}, 60_000);

afterEach(async () => {
  for (const started of workers.splice(0)) {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill("SIGKILL");
    await started.exited;
  }
});

afterAll(async () => {
  await stopJobEngine();
});

async function deciding(id: number, atLeast: number, by: TTestWorker): Promise<TBulkAction> {
  return eventually(async () => {
    const current = await getBulkAction(admin, id);
    return current.state === "running" && current.done >= atLeast ? current : undefined;
  }, 60_000, `bulk action ${id} to be deciding; its worker said:\n${by.output()}`);
}

/** Per trajectory of the task: how often it was decided (version), its reviews, and its decision audit events. */
async function decisionsOf(task: string) {
  const rows = await pool().query<{ id: string; status: string; version: number; reviews: number; events: number }>(
    `select t.id::text, t.status, t.version,
            (select count(*)::int from reviews r where r.trajectory_id = t.id) as reviews,
            (select count(*)::int from audit_events e where e.type in ('trajectory.accepted', 'trajectory.rejected') and e.target_id = t.id::text) as events
       from trajectories t where t.task = $1 order by t.id`,
    [task],
  );
  return rows.rows;
}

async function summaries(id: number): Promise<number> {
  const rows = await pool().query("select 1 from audit_events where type = 'bulk_action.finished' and target_id = $1", [String(id)]);
  return rows.rowCount ?? 0;
}

describe("bulk review as a job", () => {
  it("resumes the action of a worker killed with SIGKILL on another worker: every match decided exactly once, one audit event each", async () => {
    await seedTask("killed");
    const first = worker();
    await first.ready;
    const action = await startBulkAction(admin, filterFromSearch("task=killed&status=pending"), { decision: "rejected", reasons: ["format error"] });
    expect(action).toMatchObject({ state: "queued", total: MATCHES });
    const cut = await deciding(action.id, 20, first);
    first.child.kill("SIGKILL");
    await first.exited;
    const left = await getBulkAction(admin, action.id);
    expect(left.state).toBe("running");
    expect(left.done).toBeGreaterThanOrEqual(cut.done);
    expect(left.done).toBeLessThan(MATCHES);

    const second = worker();
    await second.ready;
    const done = await eventually(async () => {
      const current = await getBulkAction(admin, action.id);
      return ["done", "failed", "cancelled"].includes(current.state) ? current : undefined;
    }, 90_000, `bulk action ${action.id} to end; the second worker said:\n${second.output()}`);
    expect(done, done.error ?? "").toMatchObject({ state: "done", done: MATCHES });
    const decisions = await decisionsOf("killed");
    expect(decisions).toHaveLength(MATCHES);
    // Decided exactly once: one version bump, one review and one audit event per trajectory.
    expect(decisions.filter((row) => row.status !== "rejected" || row.version !== 1 || row.reviews !== 1 || row.events !== 1)).toEqual([]);
    expect(await summaries(action.id)).toBe(1);
    // The engine's record: retried once, completed by the second worker, which resumed after the committed batches.
    const job = await settledJob(BULK_REVIEW_KIND, done.jobId!);
    expect(job).toMatchObject({ state: "completed", retryCount: 1 });
    expect(second.output()).toContain(`${BULK_REVIEW_KIND} job ${job!.id} done`);
    const progress = await pool().query("select done::int, total::int, unit from job_progress where job_id = $1", [job!.id]);
    expect(progress.rows[0]).toEqual({ done: MATCHES, total: MATCHES, unit: "trajectories" });
  }, 180_000);

  it("reaches a running action with a cancel within 2 seconds; the batches committed before it stay decided", async () => {
    await seedTask("cancelled");
    const started = worker();
    await started.ready;
    const action = await startBulkAction(admin, filterFromSearch("task=cancelled"), { decision: "accepted" });
    await deciding(action.id, 10, started);
    const cancelledAt = Date.now();
    const cancelled = await cancelBulkAction(admin, action.id);
    expect(cancelled.state).toBe("cancelled");
    // Reached: the worker ended the job at its next batch.
    await eventually(async () => started.output().includes(`${BULK_REVIEW_KIND} job ${action.jobId} done`), 2_000, "the cancel to reach the action");
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const decisions = await decisionsOf("cancelled");
    const decided = decisions.filter((row) => row.version > 0);
    // What was committed before the cancel stays, exactly as counted; nothing after it.
    expect(decided.length).toBe(cancelled.done);
    expect(decided.length).toBeGreaterThanOrEqual(10);
    expect(decided.length).toBeLessThan(MATCHES);
    expect(decided.filter((row) => row.status !== "accepted" || row.version !== 1 || row.events !== 1)).toEqual([]);
    expect(decisions.filter((row) => row.version === 0 && (row.status !== "pending" || row.events !== 0))).toEqual([]);
    expect((await getBulkAction(admin, action.id)).state).toBe("cancelled");
    expect(await summaries(action.id)).toBe(0);
    const audit = await pool().query("select 1 from audit_events where type = 'bulk_action.cancelled' and target_id = $1", [String(action.id)]);
    expect(audit.rowCount).toBe(1);
    expect((await getJob(BULK_REVIEW_KIND, action.jobId!))?.state).toBe("cancelled");
  }, 120_000);

  it("hands a running action back when its worker is stopped (SIGTERM); the next worker carries on and decides each match once", async () => {
    await seedTask("stopped");
    const first = worker();
    await first.ready;
    const action = await startBulkAction(admin, filterFromSearch("task=stopped"), { decision: "rejected", reasons: ["wrong answer"] });
    await deciding(action.id, 10, first);
    first.child.kill("SIGTERM");
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toContain("handed back");
    const handedBack = await getBulkAction(admin, action.id);
    expect(handedBack.state).toBe("queued");
    expect(handedBack.done).toBeLessThan(MATCHES);
    const second = worker();
    const done = await eventually(async () => {
      const current = await getBulkAction(admin, action.id);
      return current.state === "done" ? current : undefined;
    }, 60_000, `bulk action ${action.id} to finish; the second worker said:\n${second.output()}`);
    expect(done.done).toBe(MATCHES);
    expect((await decisionsOf("stopped")).filter((row) => row.status !== "rejected" || row.version !== 1 || row.events !== 1)).toEqual([]);
    expect(await summaries(action.id)).toBe(1);
  }, 120_000);

  it("is cancelled and retried through the jobs API: the retry carries on after the last committed batch", async () => {
    await seedTask("retried");
    const started = worker();
    await started.ready;
    const action = await startBulkAction(admin, filterFromSearch("task=retried"), { decision: "accepted" });
    await deciding(action.id, 10, started);
    expect((await cancelJobById(admin, action.jobId!)).state).toBe("cancelled");
    const cancelled = await getBulkAction(admin, action.id);
    expect(cancelled.state).toBe("cancelled");
    expect(cancelled.done).toBeLessThan(MATCHES);
    await eventually(async () => started.output().includes(`${BULK_REVIEW_KIND} job ${action.jobId} done`), 2_000, "the cancel to reach the action");

    await retryJobById(admin, action.jobId!);
    const done = await eventually(async () => {
      const current = await getBulkAction(admin, action.id);
      return current.state === "done" ? current : undefined;
    }, 60_000, `bulk action ${action.id} to finish after the retry; the worker said:\n${started.output()}`);
    expect(done.done).toBe(MATCHES);
    expect((await decisionsOf("retried")).filter((row) => row.status !== "accepted" || row.version !== 1 || row.events !== 1)).toEqual([]);
    expect(await summaries(action.id)).toBe(1);
    const job = await getJobById(admin, action.jobId!);
    expect(job).toMatchObject({ kind: BULK_REVIEW_KIND, state: "done", progress: { done: MATCHES, total: MATCHES, unit: "trajectories" } });
    expect(job.result).toEqual({ type: "bulk_action", id: action.id, href: "/trajectories?task=retried" });
    const retried = await pool().query("select 1 from audit_events where type = 'bulk_action.retried' and target_id = $1", [String(action.id)]);
    expect(retried.rowCount).toBe(1);
  }, 120_000);
});
