import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TActor, ForbiddenError } from "@/lib/access/actor";
import { actorFromSession } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { setSetting } from "@/lib/settings/settings";
import { useTestDatabase } from "@/testing/database";
import { filterFromSearch } from "@/lib/trajectories/query";
import { getBulkAction, startBulkAction } from "./bulk";
import { stopJobEngine } from "@/lib/jobs/engine";
import { startTestWorker, type TTestWorker } from "@/testing/workers";
import { decideTrajectory } from "./decide";
import { ConflictError } from "@/lib/errors";
import { claimNext } from "./queue";
import { getTrajectory } from "@/lib/trajectories/get-trajectory";
import { listRevisions, markCritical, reviseThought, revertThought } from "./thoughts";

// 20 reviewers claim at once: give the pool room for 20 concurrent connections.
process.env.DB_POOL_SIZE = "25";
const databaseUrl = useTestDatabase();

const PASSWORD = "review test password";
const context = { requestId: null, ip: null };
let admin: TActor;
let reviewers: TActor[] = [];
let viewer: TActor;
let ids: string[] = [];
let stepId = "";

async function userActor(email: string): Promise<TActor> {
  const session = await signIn({ email, password: PASSWORD }, { ...context, userAgent: null });
  return (await actorFromSession(session.token, context))!;
}

async function events(type: string): Promise<number> {
  return (await pool().query("select count(*)::int as n from audit_events where type = $1", [type])).rows[0].n;
}

beforeAll(async () => {
  await createFirstAdmin({ email: "admin@lab.org", password: PASSWORD, setupCode: await issueSetupCode() }, context);
  admin = await userActor("admin@lab.org");
  for (let i = 0; i < 20; i += 1) await createUser(admin, { email: `r${i}@lab.org`, password: PASSWORD, role: "reviewer" });
  await createUser(admin, { email: "viewer@lab.org", password: PASSWORD, role: "viewer" });
  reviewers = await Promise.all(Array.from({ length: 20 }, (_, i) => userActor(`r${i}@lab.org`)));
  viewer = await userActor("viewer@lab.org");
  await pool().query("insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values (1, 'd', 'd.jsonl', 'agentinstruct', 'x', 1, 'test')");
  const inserted = await pool().query<{ id: string }>(`
    insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count, token_count, content_hash)
    select 1, 'item_' || i, case when i <= 30 then 'os' else 'db' end, 'q ' || i, 2, 1, 5, md5(i::text)
      from generate_series(1, 40) i returning id::text`);
  ids = inserted.rows.map((row) => row.id).sort((a, b) => Number(a) - Number(b));
  const turn = await pool().query<{ id: string }>(
    `insert into turns (trajectory_id, index, role, raw_text, thought, action, action_kind, loss)
     values ($1, 0, 'user', 'How many files?', null, null, null, null), ($1, 1, 'assistant', 'Think: count.\n\nAct: bash', 'count.', 'ls | wc -l', 'bash', true)
     returning id::text`,
    [ids[0]],
  );
  stepId = turn.rows[1]!.id;
});

describe("decisions", () => {
  it("records a decision, bumps the version and refuses a stale one with the newer state", async () => {
    const first = await decideTrajectory(reviewers[0]!, ids[0]!, { decision: "accepted", version: 0 });
    expect(first).toEqual({ status: "accepted", version: 1, reviewCount: 1 });
    const stale = decideTrajectory(reviewers[1]!, ids[0]!, { decision: "rejected", reasons: ["wrong answer"], version: 0 });
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toMatchObject({ current: { status: "accepted", version: 1, reviews: [{ reviewer: "r0@lab.org", decision: "accepted" }] } });
    // The newer decision as the 409 body carries it: every field, its time the stored one (sent as ISO with Z).
    const stored = await pool().query<{ at: string }>(`select to_char(updated_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from reviews where trajectory_id = $1`, [ids[0]]);
    const conflict = (await stale.catch((error: ConflictError) => error)) as ConflictError & { current: { reviews: { updated_at: Date }[] } };
    expect(conflict.current.reviews).toEqual([{ reviewer: "r0@lab.org", decision: "accepted", reasons: [], comment: null, updated_at: expect.any(Date) }]);
    expect(JSON.parse(JSON.stringify(conflict.current.reviews[0]!.updated_at))).toBe(stored.rows[0]!.at);
    expect(await events("trajectory.accepted")).toBe(1);
    expect(await events("trajectory.rejected")).toBe(0);
  });

  it("follows the majority rule with ties left pending", async () => {
    await setSetting(admin, "review.statusRule", "majority");
    await setSetting(admin, "review.requiredReviews", 2);
    const id = ids[1]!;
    expect((await decideTrajectory(reviewers[0]!, id, { decision: "accepted", version: 0 })).status).toBe("pending");
    expect((await decideTrajectory(reviewers[1]!, id, { decision: "rejected", version: 1 })).status).toBe("pending");
    expect((await decideTrajectory(reviewers[2]!, id, { decision: "rejected", version: 2 })).status).toBe("rejected");
    await setSetting(admin, "review.statusRule", "first");
    await setSetting(admin, "review.requiredReviews", 1);
  });

  it("shows each decision on the trajectory in the order made, with reviewer, reasons, comment and time", async () => {
    const id = ids[3]!;
    await decideTrajectory(reviewers[4]!, id, { decision: "rejected", reasons: ["wrong answer", "loop"], comment: "<b>stuck</b>", version: 0 });
    await decideTrajectory(reviewers[3]!, id, { decision: "accepted", version: 1 });
    const detail = await getTrajectory(viewer, id);
    expect(detail!.reviews).toEqual([
      { reviewer: "r4@lab.org", decision: "rejected", reasons: ["wrong answer", "loop"], comment: "<b>stuck</b>", updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) },
      { reviewer: "r3@lab.org", decision: "accepted", reasons: [], comment: null, updatedAt: expect.stringMatching(/Z$/) },
    ]);
    expect((await getTrajectory(viewer, ids[4]!))!.reviews).toEqual([]);
  });

  it("ends the decider's own queue claim and an expired one, never another's live claim, and a changed decision keeps its place under the first-decision rule", async () => {
    const idOf = (actor: TActor) => (actor.kind === "user" ? actor.id : -1);
    const row = async (id: string) =>
      (await pool().query(
        `select status, review_count, version, last_reviewer, c.reviewer_id as claimed_by_id, c.expires_at as claim_expires_at
           from trajectories t left join review_claims c on c.trajectory_id = t.id where t.id = $1`, [id])).rows[0];
    const claim = "insert into review_claims (trajectory_id, reviewer_id, expires_at) values ($1, $2, now() + interval '15 minutes')";
    await pool().query(claim, [ids[5], idOf(reviewers[5]!)]);
    await pool().query(claim, [ids[6], idOf(reviewers[7]!)]);
    await decideTrajectory(reviewers[5]!, ids[5]!, { decision: "accepted", version: 0 });
    await decideTrajectory(reviewers[6]!, ids[6]!, { decision: "accepted", version: 0 });
    expect(await row(ids[5]!)).toMatchObject({ claimed_by_id: null, claim_expires_at: null });
    expect(await row(ids[6]!)).toMatchObject({ claimed_by_id: idOf(reviewers[7]!), claim_expires_at: expect.any(Date) });
    // Once that claim has expired, the next decision on the trajectory clears it.
    await pool().query("update review_claims set expires_at = now() - interval '1 minute' where trajectory_id = $1", [ids[6]]);
    await decideTrajectory(reviewers[6]!, ids[6]!, { decision: "accepted", version: 1 });
    expect(await row(ids[6]!)).toMatchObject({ claimed_by_id: null, claim_expires_at: null });

    const id = ids[7]!;
    await decideTrajectory(reviewers[8]!, id, { decision: "accepted", version: 0 });
    await decideTrajectory(reviewers[9]!, id, { decision: "rejected", reasons: ["loop"], version: 1 });
    expect(await row(id)).toMatchObject({ status: "accepted", review_count: 2, version: 2, last_reviewer: "r9@lab.org" });
    const changed = await decideTrajectory(reviewers[8]!, id, { decision: "rejected", reasons: ["wrong answer"], version: 2 });
    expect(changed).toEqual({ status: "rejected", version: 3, reviewCount: 2 });
    expect(await row(id)).toMatchObject({ status: "rejected", review_count: 2, last_reviewer: "r8@lab.org" });
    expect((await getTrajectory(viewer, id))!.reviews.map((review) => [review.reviewer, review.decision, review.reasons])).toEqual([
      ["r8@lab.org", "rejected", ["wrong answer"]],
      ["r9@lab.org", "rejected", ["loop"]],
    ]);
  });

  it("refuses a viewer", async () => {
    await expect(decideTrajectory(viewer, ids[2]!, { decision: "accepted", version: 0 })).rejects.toThrow(ForbiddenError);
  });
});

describe("thought revisions", () => {
  it("keeps the imported thought, refuses a stale edit, and reverts by adding a revision", async () => {
    const edited = await reviseThought(reviewers[0]!, stepId, { text: "Count the files in the folder.", reason: "clearer", version: 0 });
    expect(edited).toMatchObject({ version: 1, text: "Count the files in the folder.", original: "count." });
    const stale = reviseThought(reviewers[1]!, stepId, { text: "Something else", version: 0 });
    await expect(stale).rejects.toMatchObject({ current: { version: 1, text: "Count the files in the folder." } });

    const reverted = await revertThought(reviewers[1]!, stepId, { revertTo: 0, version: 1 });
    expect(reverted).toMatchObject({ version: 2, text: "count." });
    const turn = await pool().query("select thought, current_thought, thought_version from turns where id = $1", [stepId]);
    expect(turn.rows[0]).toEqual({ thought: "count.", current_thought: null, thought_version: 2 });
    const history = await listRevisions(admin, stepId);
    expect(history.map((revision) => [revision.version, revision.revertOf, revision.author])).toEqual([[2, 0, "r1@lab.org"], [1, null, "r0@lab.org"]]);
    expect(await events("thought.rewritten")).toBe(1);
    expect(await events("thought.reverted")).toBe(1);
  });

  it("marks a step critical once, audited", async () => {
    await markCritical(reviewers[0]!, stepId, true);
    await markCritical(reviewers[0]!, stepId, true);
    expect(await events("step.critical_marked")).toBe(1);
    await expect(markCritical(viewer, stepId, false)).rejects.toThrow(ForbiddenError);
  });
});

describe("review queue", () => {
  it("hands each of 20 concurrent reviewers a different trajectory", async () => {
    const filter = filterFromSearch("task=os");
    const claimed = await Promise.all(reviewers.map((reviewer) => claimNext(reviewer, filter)));
    expect(claimed.every((id) => id !== null)).toBe(true);
    expect(new Set(claimed).size).toBe(20);
    // A reviewer asking again gets their own claim back, not a new item.
    expect(await claimNext(reviewers[5]!, filter)).toBe(claimed[5]);
  });

  it("skips items a reviewer already decided and items others hold", async () => {
    const filter = filterFromSearch("task=os");
    const next = await claimNext(reviewers[0]!, filter);
    expect(next).not.toBe(ids[0]);
    const held = await pool().query("select reviewer_id from review_claims where trajectory_id = $1", [next]);
    expect(held.rows[0].reviewer_id).toBe((reviewers[0] as { id: number }).id);
  });
});

describe("bulk actions", () => {
  // A worker (a real child process) runs the action as a job of the engine.
  let worker: TTestWorker;
  beforeAll(async () => {
    worker = startTestWorker({ DATABASE_URL: databaseUrl() });
    await worker.ready;
  }, 60_000);
  afterAll(async () => {
    worker.child.kill("SIGTERM");
    await worker.exited;
    await stopJobEngine();
  });

  it("decide everything matching a filter, with one audit event each and a summary", async () => {
    const before = await events("trajectory.rejected");
    const action = await startBulkAction(admin, filterFromSearch("task=db"), { decision: "rejected", reasons: ["format error"] });
    expect(action.total).toBe(10);
    await expect.poll(async () => (await getBulkAction(admin, action.id)).state, { timeout: 30_000 }).toBe("done");
    expect((await getBulkAction(admin, action.id)).done).toBe(10);
    const statuses = await pool().query("select distinct status from trajectories where task = 'db'");
    expect(statuses.rows).toEqual([{ status: "rejected" }]);
    expect(await events("trajectory.rejected")).toBe(before + 10);
    expect(await events("bulk_action.created")).toBe(1);
    expect(await events("bulk_action.finished")).toBe(1);
  });
});
