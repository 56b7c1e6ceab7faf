import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { setSetting } from "@/lib/settings/settings";
import { systemActor, type TActor } from "@/lib/access/actor";
import { filterFromSearch } from "@/lib/trajectories/query";
import { useTestDatabase } from "@/testing/database";
import { claimNext, claimStatement } from "./queue";

useTestDatabase();

const ROWS = 60_000;
/** Reviewers are users: the claim is for a user id. */
const reviewer = (id: number): TActor => ({ kind: "user", id, email: `r${id}@lab.org`, role: "reviewer", via: "cli", context: { requestId: null, ip: null } });
let me = 0;
let other = 0;

type TPlanNode = { "Node Type": string; "Relation Name"?: string; "Actual Rows"?: number; "Rows Removed by Filter"?: number; Plans?: TPlanNode[] };

function nodes(plan: TPlanNode): TPlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** EXPLAIN ANALYZE of the claim in a rolled-back transaction: the plan and the trajectories rows it looked at. */
async function explainClaim(reviewerId: number, search: string) {
  const { text, values } = await claimStatement(reviewerId, filterFromSearch(search));
  const client = await pool().connect();
  try {
    await client.query("begin");
    const result = await client.query(`explain (analyze, format json) ${text}`, values);
    await client.query("rollback");
    const all = nodes(result.rows[0]["QUERY PLAN"][0].Plan);
    const examined = all
      .filter((node) => node["Relation Name"] === "trajectories" && /Scan/.test(node["Node Type"]))
      .reduce((sum, node) => sum + (node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0), 0);
    // Rows fed into any sort: the caller's own few claims may be sorted, never the filter's trajectories.
    const sorted = all
      .filter((node) => node["Node Type"] === "Sort")
      .reduce((most, node) => Math.max(most, (node.Plans ?? []).reduce((sum, child) => sum + (child["Actual Rows"] ?? 0), 0)), 0);
    const scans = all.filter((node) => node["Relation Name"] === "trajectories").map((node) => node["Node Type"]);
    return { scans, sorted, examined };
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  const users = await pool().query<{ id: number }>(
    "insert into users (email, password_hash, role) values ('me@lab.org', 'x', 'reviewer'), ('other@lab.org', 'x', 'reviewer') returning id",
  );
  [me, other] = users.rows.map((row) => row.id) as [number, number];
  await pool().query("insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values (1, 'd', 'd.jsonl', 'agentinstruct', 'x', 1, 'test')");
  // Six tasks in turn; the oldest 3,000 os trajectories are already reviewed (what a queue looks like after a week of
  // work). A claim that walked (review_count, id) would filter out the other tasks' 15,000 rows before the first free os one
  // (at 30,000 rows the planner still chose the per-task index; at 60,000 it no longer did).
  await pool().query(
    `insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count, token_count, content_hash, review_count, status)
     select 1, 'item_' || i, (array['os', 'db', 'alfworld', 'webshop', 'kg', 'mind2web'])[1 + i % 6], 'q ' || i, 2, 1, 5, md5(i::text),
            case when i % 6 = 0 and i <= 18000 then 1 else 0 end,
            (case when i % 6 = 0 and i <= 18000 then 'accepted' else 'pending' end)::"TrajectoryStatus"
       from generate_series(1, $1::int) i`,
    [ROWS],
  );
  await pool().query("analyze trajectories");
});

describe("queue claim at scale", () => {
  it("picks from an index: no sort over the filter, a bounded number of rows looked at", async () => {
    for (const search of ["task=os", ""]) {
      const plan = await explainClaim(me, search);
      expect(plan.sorted, search).toBeLessThan(5);
      expect(plan.scans, search).not.toContain("Seq Scan");
      expect(plan.examined, search).toBeLessThan(50);
    }
  });

  it("keeps the rules: my own claim first, others' live claims skipped, expired claims free, what I decided skipped", async () => {
    const first = await claimNext(reviewer(me), filterFromSearch("task=os"));
    expect(first).not.toBeNull();
    // The oldest os trajectory nobody reviewed yet: 18006 is the first multiple of 6 past the reviewed ones.
    const expected = await pool().query("select id::text from trajectories where external_id = 'item_18006'");
    expect(first).toBe(expected.rows[0].id);
    expect(await claimNext(reviewer(me), filterFromSearch("task=os"))).toBe(first);
    const second = await claimNext(reviewer(other), filterFromSearch("task=os"));
    expect(second).not.toBe(first);
    // My claim expires: the other reviewer may take it (after their own claim, which comes first).
    await pool().query("update review_claims set expires_at = now() - interval '1 minute' where trajectory_id = $1", [first]);
    await pool().query("delete from review_claims where trajectory_id = $1", [second]);
    expect(await claimNext(reviewer(other), filterFromSearch("task=os"))).toBe(first);
  });

  it("a claimer that loses the race for a trajectory moves on to the next one", async () => {
    const db = filterFromSearch("task=db");
    const head = await claimNext(reviewer(other), db);
    await pool().query("delete from review_claims where trajectory_id = $1", [head]);
    // A rival's claim on the head, not yet committed: the claim below reads a snapshot without it and picks the
    // head too, then its insert waits on the rival's and finds a live claim once the rival commits.
    const rival = await pool().connect();
    try {
      await rival.query("begin");
      await rival.query("insert into review_claims (trajectory_id, reviewer_id, expires_at) values ($1, $2, now() + interval '15 minutes')", [head, me]);
      const claiming = claimNext(reviewer(other), db);
      await expect.poll(async () => (await pool().query("select count(*)::int as n from pg_locks where not granted")).rows[0].n).toBeGreaterThan(0);
      await rival.query("commit");
      const next = await claiming;
      expect(next).not.toBeNull();
      expect(next).not.toBe(head);
      const holders = await pool().query("select trajectory_id::text as id, reviewer_id from review_claims where trajectory_id = any($1::bigint[]) order by 1", [[head, next]]);
      expect(Object.fromEntries(holders.rows.map((row) => [row.id, row.reviewer_id]))).toEqual({ [head!]: me, [next!]: other });
    } finally {
      rival.release();
    }
  });

  it("with two reviews required, hands out what still needs a review and skips what I decided", async () => {
    await setSetting(systemActor("test"), "review.requiredReviews", 2);
    try {
      const reviewed = await pool().query<{ id: string }>("select id::text from trajectories where external_id = 'item_12'");
      await pool().query("insert into reviews (trajectory_id, reviewer_id, decision, reasons) values ($1, $2, 'accepted', '{}')", [reviewed.rows[0]!.id, other]);
      const mine = await pool().query<{ id: string }>("select id::text from trajectories where external_id = 'item_6'");
      await pool().query("insert into reviews (trajectory_id, reviewer_id, decision, reasons) values ($1, $2, 'accepted', '{}')", [mine.rows[0]!.id, me]);
      await pool().query("delete from review_claims");
      // Fewest reviews first: the unreviewed os trajectories, then item_12 (not item_6: I decided it).
      await pool().query("update trajectories set review_count = 9 where task = 'os' and review_count = 0");
      expect(await claimNext(reviewer(me), filterFromSearch("task=os"))).toBe(reviewed.rows[0]!.id);
      const plan = await explainClaim(me, "task=os");
      expect(plan.sorted).toBeLessThan(5);
      expect(plan.examined).toBeLessThan(50);
    } finally {
      await setSetting(systemActor("test"), "review.requiredReviews", 1);
    }
  });
});
