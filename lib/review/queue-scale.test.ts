import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { setSetting } from "@/lib/settings/settings";
import { systemActor, type TActor } from "@/lib/access/actor";
import { filterFromSearch } from "@/lib/trajectories/query";
import { useTestDatabase } from "@/testing/database";
import { claimNext, claimStatement } from "./queue";

useTestDatabase();

const ROWS = 20_000;
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
    return { types: all.map((node) => node["Node Type"]), examined };
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
  // Half os, half db; the oldest 9,000 os trajectories are already reviewed (what a queue looks like after a week of work).
  await pool().query(
    `insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count, token_count, content_hash, review_count, status)
     select 1, 'item_' || i, case when i % 2 = 0 then 'os' else 'db' end, 'q ' || i, 2, 1, 5, md5(i::text),
            case when i % 2 = 0 and i <= 18000 then 1 else 0 end,
            (case when i % 2 = 0 and i <= 18000 then 'accepted' else 'pending' end)::"TrajectoryStatus"
       from generate_series(1, $1::int) i`,
    [ROWS],
  );
  await pool().query("analyze trajectories");
});

describe("queue claim at scale", () => {
  it("picks from an index: no sort over the filter, a bounded number of rows looked at", async () => {
    for (const search of ["task=os", ""]) {
      const plan = await explainClaim(me, search);
      expect(plan.types, search).not.toContain("Sort");
      expect(plan.types, search).not.toContain("Seq Scan");
      expect(plan.examined, search).toBeLessThan(50);
    }
  });

  it("keeps the rules: my own claim first, others' live claims skipped, expired claims free, what I decided skipped", async () => {
    const first = await claimNext(reviewer(me), filterFromSearch("task=os"));
    expect(first).not.toBeNull();
    // The oldest os trajectory nobody reviewed yet: 18002 is the first even number past the reviewed ones.
    const expected = await pool().query("select id::text from trajectories where external_id = 'item_18002'");
    expect(first).toBe(expected.rows[0].id);
    expect(await claimNext(reviewer(me), filterFromSearch("task=os"))).toBe(first);
    const second = await claimNext(reviewer(other), filterFromSearch("task=os"));
    expect(second).not.toBe(first);
    // My claim expires: the other reviewer may take it (after their own claim, which comes first).
    await pool().query("update trajectories set claim_expires_at = now() - interval '1 minute' where id = $1", [first]);
    await pool().query("update trajectories set claimed_by_id = null where id = $1", [second]);
    expect(await claimNext(reviewer(other), filterFromSearch("task=os"))).toBe(first);
  });

  it("with two reviews required, hands out what still needs a review and skips what I decided", async () => {
    await setSetting(systemActor("test"), "review.requiredReviews", 2);
    try {
      const reviewed = await pool().query<{ id: string }>("select id::text from trajectories where external_id = 'item_4'");
      await pool().query("insert into reviews (trajectory_id, reviewer_id, decision, reasons) values ($1, $2, 'accepted', '{}')", [reviewed.rows[0]!.id, other]);
      const mine = await pool().query<{ id: string }>("select id::text from trajectories where external_id = 'item_2'");
      await pool().query("insert into reviews (trajectory_id, reviewer_id, decision, reasons) values ($1, $2, 'accepted', '{}')", [mine.rows[0]!.id, me]);
      await pool().query("update trajectories set claimed_by_id = null, claim_expires_at = null");
      // Fewest reviews first: the unreviewed os trajectories, then item_4 (not item_2: I decided it).
      await pool().query("update trajectories set review_count = 9 where task = 'os' and review_count = 0");
      expect(await claimNext(reviewer(me), filterFromSearch("task=os"))).toBe(reviewed.rows[0]!.id);
      const plan = await explainClaim(me, "task=os");
      expect(plan.types).not.toContain("Sort");
    } finally {
      await setSetting(systemActor("test"), "review.requiredReviews", 1);
    }
  });
});
