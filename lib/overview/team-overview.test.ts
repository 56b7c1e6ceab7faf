import { beforeAll, describe, expect, it } from "vitest";
import { systemActor, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { dirtyTrajectoryCount, myQueueCount, openProposals, reviewProgress } from "./team-overview";

useTestDatabase();
const user = (id: number, role: "reviewer" | "viewer"): TActor => ({ kind: "user", id, email: `u${id}@lab.org`, role, via: "session", context: { requestId: null, ip: null } });

// 6 os (2 accepted, 1 rejected, 3 pending), 2 db pending; reviewer 1 reviewed one pending os; reviewer 2 holds a claim on a db one.
beforeAll(async () => {
  await pool().query(`insert into users (id, email, role, password_hash) values (1, 'u1@lab.org', 'reviewer', 'x'), (2, 'u2@lab.org', 'reviewer', 'x')`);
  await pool().query(`insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values (1, 'd', 'd.jsonl', 'agentinstruct', 'x', 1, 'test')`);
  await pool().query(`
    insert into trajectories (id, dataset_id, external_id, task, status, review_count, turn_count, step_count, token_count, content_hash)
    values (1, 1, 'os_1', 'os', 'accepted', 1, 1, 1, 1, 'h1'), (2, 1, 'os_2', 'os', 'accepted', 1, 1, 1, 1, 'h2'),
           (3, 1, 'os_3', 'os', 'rejected', 1, 1, 1, 1, 'h3'), (4, 1, 'os_4', 'os', 'pending', 0, 1, 1, 1, 'h4'),
           (5, 1, 'os_5', 'os', 'pending', 0, 1, 1, 1, 'h5'), (6, 1, 'os_6', 'os', 'pending', 0, 1, 1, 1, 'h6'),
           (7, 1, 'db_1', 'db', 'pending', 0, 1, 1, 1, 'h7'), (8, 1, 'db_2', 'db', 'pending', 0, 1, 1, 1, 'h8')`);
  await pool().query(`insert into trajectory_contamination (trajectory_id, rate, label) values (1, 0.9, 'dirty'), (3, 0.1, 'clean'), (5, 0.85, 'dirty')`);
  await pool().query(`insert into review_claims (trajectory_id, reviewer_id, expires_at) values (7, 2, now() + interval '10 minutes')`);
  // A review that does not yet count as one (two are required below): reviewer 1 saw os_4.
  await pool().query(`insert into reviews (trajectory_id, reviewer_id, decision, reasons) values (4, 1, 'accepted', '{}')`);
  await pool().query(`update trajectories set review_count = 1 where id = 4`);
  await pool().query(`insert into app_settings (key, value) values ('review.requiredReviews', '2') on conflict (key) do update set value = excluded.value`);
  await pool().query(`insert into threshold_proposals (task, value, reason, state, proposed_by_id) values ('os', 0.5, 'open one', 'open', 1), ('db', 0.5, 'done', 'applied', 1)`);
});

describe("team overview", () => {
  it("counts review progress per task, largest task first", async () => {
    expect(await reviewProgress(systemActor("t"))).toEqual([
      { task: "os", accepted: 2, rejected: 1, pending: 3 },
      { task: "db", accepted: 0, rejected: 0, pending: 2 },
    ]);
  });

  it("counts what the queue still holds for a reviewer: not reviewed by them, not held by another, needing reviews", async () => {
    // needs reviews (required 2): os_1..os_6 (review_count 1 or 0) and db_1, db_2; reviewer 1 reviewed os_4; db_1 is held by reviewer 2.
    expect(await myQueueCount(user(1, "reviewer"))).toBe(6);
    expect(await myQueueCount(user(2, "reviewer"))).toBe(8);
    expect(await myQueueCount(user(3, "viewer"))).toBeNull();
  });

  it("lists open proposals only and counts dirty trajectories", async () => {
    expect((await openProposals(systemActor("t"))).map((proposal) => [proposal.task, proposal.reason])).toEqual([["os", "open one"]]);
    expect(await dirtyTrajectoryCount(systemActor("t"))).toBe(2);
  });
});
