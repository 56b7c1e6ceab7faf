import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, systemActor, type TActor } from "@/lib/access/actor";
import type { TRole } from "@/lib/access/roles";
import { createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { setSetting } from "@/lib/settings/settings";
import { useTestDatabase } from "@/testing/database";
import { facetCounts } from "@/lib/trajectories/facets";
import { listTrajectories } from "@/lib/trajectories/list-trajectories";
import { filterOf, ZTrajectoryQuery } from "@/lib/trajectories/query";
import { bucketToSplit, keptAt } from "./curve";
import { applyProposal, commentOnProposal, declineProposal, proposeThreshold, setThreshold } from "./decisions";
import { ConflictError } from "@/lib/errors";
import { loadRewardHistograms } from "./figures";
import { getThresholdOverview } from "./overview";
import { loadThresholdRules, passes } from "./rules";

useTestDatabase();
const SYSTEM = systemActor("test");
const context = { requestId: null, ip: null };
let admin: TActor;
let reviewer: TActor;
let viewer: TActor;

type TRow = { task: string; reward: number | null; status: "pending" | "accepted" | "rejected"; general: boolean };
const rows: TRow[] = [];

async function user(email: string, role: TRole): Promise<TActor> {
  const id = await createUser(SYSTEM, { email, password: "a long password 1", role });
  return { kind: "user", id, email, role, via: "session", context };
}

/**
 * Hand-made data: mind2web step success rates with many exact 2/3 (stored from
 * JavaScript's 2/3 and from SQL's 2.0/3), binary os rewards, a task without a
 * threshold of its own (hotpotqa: the default), an already-filtered release
 * without rewards (kg), and general data that must never count.
 */
beforeAll(async () => {
  admin = await user("ada@lab.org", "admin");
  reviewer = await user("rae@lab.org", "reviewer");
  viewer = await user("vic@lab.org", "viewer");
  await pool().query(`insert into datasets (id, name, kind, source_file, format, sha256, size_bytes, imported_by) values
    (1, 'agent', 'agent', 'a.jsonl', 'agentgym', 'a', 1, 'test'),
    (2, 'released', 'agent', 'b.jsonl', 'agentinstruct', 'b', 1, 'test'),
    (3, 'sharegpt', 'general', 'c.json', 'sharegpt', 'c', 1, 'test')`);
  const add = (task: string, reward: number | null, count: number, status: TRow["status"] = "pending", general = false) => {
    for (let i = 0; i < count; i += 1) rows.push({ task, reward, status: i % 4 === 1 ? "accepted" : i % 4 === 2 ? "rejected" : status, general });
  };
  add("mind2web", 1, 3);
  add("mind2web", 2 / 3, 9);
  add("mind2web", 0.75, 5);
  add("mind2web", 0.5, 6);
  add("mind2web", 1 / 3, 4);
  add("mind2web", 0, 7);
  add("os", 1, 10);
  add("os", 0, 6);
  add("os", null, 3);
  add("hotpotqa", 1, 2);
  add("hotpotqa", 0.95, 2);
  add("kg", null, 5);
  add("general", null, 8, "pending", true);
  add("os", 1, 4, "pending", true);
  await pool().query(
    `insert into trajectories (dataset_id, external_id, task, reward, status, turn_count, step_count, token_count, content_hash)
     select case when r.general then 3 when r.reward is null then 2 else 1 end, 'item_' || i, r.task, r.reward, r.status::"TrajectoryStatus",
            4, 1, 10, md5(i::text)
       from jsonb_to_recordset($1::jsonb) as r(task text, reward float8, status text, general boolean, i int)`,
    [JSON.stringify(rows.map((row, i) => ({ ...row, i })))],
  );
  // The same tie written by SQL rather than by JavaScript.
  await pool().query(`update trajectories set reward = 2.0 / 3 where id in (select id from trajectories where task = 'mind2web' and reward > 0.66 and reward < 0.67 limit 4)`);
});

const agent = (task?: string) => rows.filter((row) => !row.general && (task === undefined || row.task === task));

function brute(task: string, x: number, noReward: "pass" | "exclude") {
  const kept = agent(task).filter((row) => passes(row.reward, x, noReward));
  return { total: kept.length, accepted: kept.filter((row) => row.status === "accepted").length };
}

describe("the SQL histogram", () => {
  it("gives exact counts at every grid threshold and at 2/3, matching the rule row by row", async () => {
    const histograms = await loadRewardHistograms([{ task: "mind2web", value: 2 / 3 }, { task: null, value: 1 / 3 }, { task: "mind2web", value: 0.5 }]);
    expect([...histograms.keys()].sort()).toEqual(["hotpotqa", "kg", "mind2web", "os"]);
    const mind2web = histograms.get("mind2web")!;
    // Only the buckets of off-grid marks are split by exact value; the nine 2/3 (four written by SQL) are one value.
    expect(new Set(mind2web.bins.filter((bin) => bin.exact !== null).map((bin) => bin.bucket))).toEqual(new Set([bucketToSplit(1 / 3), bucketToSplit(2 / 3)]));
    expect(mind2web.bins.filter((bin) => bin.bucket === bucketToSplit(2 / 3)).map((bin) => bin.total)).toEqual([9]);
    for (const x of [0, 0.25, 1 / 3, 0.5, 0.66, 2 / 3, 0.67, 0.75, 0.99, 1]) {
      const at = keptAt(mind2web.bins, x);
      expect(at.exact, `x = ${x}`).toBe(true);
      expect({ total: at.lower.total, accepted: at.lower.accepted }, `x = ${x}`).toEqual(brute("mind2web", x, "exclude"));
    }
    expect(keptAt(mind2web.bins, 2 / 3).lower.total).toBe(3 + 9 + 5);
  });

  it("counts trajectories without a reward apart, and a task with none at all", async () => {
    const histograms = await loadRewardHistograms([]);
    expect(histograms.get("kg")).toEqual({ task: "kg", bins: [], noReward: { total: 5, accepted: 1, rejected: 1, pending: 3 } });
    expect(histograms.get("os")!.noReward.total).toBe(3);
  });
});

describe("the overview", () => {
  it("lists the method's tasks first, with counts, thresholds and the passing split by status", async () => {
    const overview = await getThresholdOverview(viewer);
    expect(overview.tasks.map((task) => task.task)).toEqual(["os", "db", "alfworld", "webshop", "kg", "mind2web", "hotpotqa"]);
    const byTask = Object.fromEntries(overview.tasks.map((task) => [task.task, task]));
    expect(byTask.mind2web!.threshold).toMatchObject({ value: 2 / 3, version: 1, isDefault: false });
    expect(byTask.mind2web!.counts.passing).toMatchObject({ ...brute("mind2web", 2 / 3, "pass"), exact: true });
    expect(byTask.hotpotqa!.threshold).toMatchObject({ value: 1, version: 0, isDefault: true });
    expect(byTask.os!.counts).toMatchObject({ trajectories: { total: 19 }, withReward: { total: 16 }, noReward: { total: 3 } });
    expect(byTask.os!.counts.passing.total).toBe(10 + 3);
    expect(byTask.kg!.counts.passing.total).toBe(5);
    expect(byTask.db!.counts.trajectories.total).toBe(0);
    const point = byTask.mind2web!.curve.find((entry) => entry.threshold === 2 / 3)!;
    expect(point).toMatchObject({ kept: 17, keptShare: 17 / 34, exact: true });
    expect(byTask.mind2web!.history).toHaveLength(1);
    expect(byTask.mind2web!.history[0]).toMatchObject({ oldValue: null, newValue: 2 / 3, actor: "defaults" });
  });

  it("follows the no-reward setting, which only admins change", async () => {
    await expect(setSetting(reviewer, "thresholds.noRewardTreatment", "exclude")).rejects.toThrow(ForbiddenError);
    await setSetting(admin, "thresholds.noRewardTreatment", "exclude");
    try {
      const byTask = Object.fromEntries((await getThresholdOverview(viewer)).tasks.map((task) => [task.task, task]));
      expect(byTask.kg!.counts.passing.total).toBe(0);
      expect(byTask.os!.counts.passing.total).toBe(10);
      expect(new Set(byTask.kg!.curve.map((entry) => entry.kept))).toEqual(new Set([0]));
    } finally {
      await setSetting(admin, "thresholds.noRewardTreatment", "pass");
    }
  });
});

describe("the table's passes filter and column", () => {
  const query = (input: Record<string, unknown>) => ZTrajectoryQuery.parse({ size: 200, ...input });
  const expected = (noReward: "pass" | "exclude") => {
    const thresholds: Record<string, number> = { os: 1, mind2web: 2 / 3 };
    return agent().filter((row) => passes(row.reward, thresholds[row.task] ?? 1, noReward)).length;
  };

  it("keeps ties, follows the default for other tasks, and leaves general data out of both values", async () => {
    const yes = await listTrajectories(viewer, query({ passes: "yes" }));
    const no = await listTrajectories(viewer, query({ passes: "no" }));
    expect(yes.total.value).toBe(expected("pass"));
    expect(yes.total.value + no.total.value).toBe(agent().length);
    expect(yes.rows.every((row) => row.passes === true)).toBe(true);
    expect(no.rows.every((row) => row.passes === false)).toBe(true);
    expect(yes.rows.filter((row) => row.task === "mind2web" && row.reward !== null && Math.abs(row.reward - 2 / 3) < 1e-9)).toHaveLength(9);
    const all = await listTrajectories(viewer, query({}));
    expect(all.rows.filter((row) => row.passes === null)).toHaveLength(rows.filter((row) => row.general).length);
  });

  it("gives the same answer where the rules are read inside the statement (facets)", async () => {
    const facets = await facetCounts(viewer, filterOf(query({ passes: "yes" })));
    const counts = Object.fromEntries(facets.task.map((facet) => [facet.value, facet.count]));
    expect(counts).toEqual({ os: 13, mind2web: 17, hotpotqa: 2, kg: 5 });
    await setSetting(admin, "thresholds.noRewardTreatment", "exclude");
    try {
      const excluded = await facetCounts(viewer, filterOf(query({ passes: "yes" })));
      expect(Object.fromEntries(excluded.task.map((facet) => [facet.value, facet.count]))).toEqual({ os: 10, mind2web: 17, hotpotqa: 2 });
      expect((await listTrajectories(viewer, query({ passes: "yes" }))).total.value).toBe(expected("exclude"));
    } finally {
      await setSetting(admin, "thresholds.noRewardTreatment", "pass");
    }
  });
});

describe("proposals and decisions", () => {
  it("a viewer can read but not propose; a reviewer proposes and comments but cannot apply", async () => {
    await expect(proposeThreshold(viewer, "mind2web", { value: "0.5", reason: "more data" })).rejects.toThrow(ForbiddenError);
    const { id } = await proposeThreshold(reviewer, "mind2web", { value: "0.5", reason: "keep more of the hard task" });
    await commentOnProposal(admin, id, { body: "0.5 keeps trajectories that got half the steps wrong" });
    await expect(commentOnProposal(viewer, id, { body: "hm" })).rejects.toThrow(ForbiddenError);
    await expect(applyProposal(reviewer, id)).rejects.toThrow(ForbiddenError);
    await expect(declineProposal(reviewer, id, { note: "no" })).rejects.toThrow(ForbiddenError);
    await expect(setThreshold(reviewer, "mind2web", { value: 0.5, reason: "direct" })).rejects.toThrow(ForbiddenError);

    const overview = await getThresholdOverview(viewer);
    const proposal = overview.tasks.find((task) => task.task === "mind2web")!.proposals[0]!;
    expect(proposal).toMatchObject({ state: "open", value: 0.5, proposedBy: "rae@lab.org", comments: [{ author: "ada@lab.org" }] });
    expect(proposal.wouldPass.total).toBe(brute("mind2web", 0.5, "pass").total);
    expect(proposal.whatIf!.rows.find((row) => row.task === "mind2web")).toMatchObject({ before: 17, after: 23 });
  });

  it("refuses bad values, empty reasons and unknown tasks, naming the field", async () => {
    await expect(proposeThreshold(reviewer, "mind2web", { value: "1.5", reason: "too high" })).rejects.toThrow(/from 0 to 1/);
    await expect(proposeThreshold(reviewer, "mind2web", { value: "0.5", reason: " " })).rejects.toThrow(/say why/);
    await expect(proposeThreshold(reviewer, "no-such-task", { value: "0.5", reason: "why not" })).rejects.toThrow(/no agent trajectories/);
    await expect(proposeThreshold(reviewer, "general", { value: "0.5", reason: "general data" })).rejects.toThrow(/no agent trajectories/);
  });

  it("an admin applies: version +1, a change row with who/old/new/why, one audit event, and the filter follows", async () => {
    const { id } = await proposeThreshold(reviewer, "os", { value: "2/3", reason: "partial answers are fine" });
    const eventsBefore = await auditCount("threshold.changed");
    const change = await applyProposal(admin, id, { note: "agreed in the meeting", version: 1 });
    expect(change).toMatchObject({ task: "os", oldValue: 1, newValue: 2 / 3, version: 2 });
    expect(await auditCount("threshold.changed")).toBe(eventsBefore + 1);
    const history = await pool().query("select old_value, new_value, version, reason, proposal_id, actor_label from threshold_changes where task = 'os' order by id desc limit 1");
    expect(history.rows[0]).toMatchObject({ old_value: 1, new_value: 2 / 3, version: 2, proposal_id: id, actor_label: "ada@lab.org" });
    expect(history.rows[0].reason).toMatch(/partial answers are fine[\s\S]*agreed in the meeting/);
    await expect(applyProposal(admin, id)).rejects.toThrow(/already applied/);
    const rules = await loadThresholdRules();
    expect(rules.byTask.os).toMatchObject({ threshold: 2 / 3, version: 2 });
    // os rewards are 0 or 1: nothing changes in the table, but the row now says so with the new threshold.
    const yes = await listTrajectories(viewer, ZTrajectoryQuery.parse({ passes: "yes", task: "os", size: 200 }));
    expect(yes.total.value).toBe(13);
  });

  it("declines with a note, and a stale version is refused", async () => {
    const { id } = await proposeThreshold(reviewer, "hotpotqa", { value: "0.9", reason: "near misses are fine" });
    await expect(declineProposal(admin, id, { note: "" })).rejects.toThrow(/say why/);
    await declineProposal(admin, id, { note: "we keep exact matches only" });
    await expect(applyProposal(admin, id)).rejects.toThrow(ConflictError);
    await expect(setThreshold(admin, "os", { value: 1, reason: "back to the method", version: 1 })).rejects.toThrow(ConflictError);
    const overview = await getThresholdOverview(viewer);
    const proposal = overview.tasks.find((task) => task.task === "hotpotqa")!.proposals[0]!;
    expect(proposal).toMatchObject({ state: "declined", decidedBy: "ada@lab.org", decisionNote: "we keep exact matches only", whatIf: null });
  });

  it("a task without a threshold of its own gets one; the old value is the default", async () => {
    const change = await setThreshold(admin, "hotpotqa", { value: 0.95, reason: "F1 near 1 is right", version: 0 });
    expect(change).toMatchObject({ oldValue: 1, newValue: 0.95, version: 1 });
    const yes = await listTrajectories(viewer, ZTrajectoryQuery.parse({ passes: "yes", task: "hotpotqa", size: 200 }));
    expect(yes.total.value).toBe(4);
  });

  it("concurrent applies queue up on the row lock: no update is lost", async () => {
    const values = [0.4, 0.45, 0.55, 0.6, 0.7];
    const proposals = await Promise.all(values.map((value) => proposeThreshold(reviewer, "mind2web", { value, reason: `try ${value}` })));
    const before = (await loadThresholdRules()).byTask.mind2web!;
    const changes = await Promise.all(proposals.map((proposal) => applyProposal(admin, proposal.id)));
    const history = await pool().query<{ old_value: number; new_value: number; version: number }>(
      "select old_value, new_value, version from threshold_changes where task = 'mind2web' and version > $1 order by version",
      [before.version],
    );
    expect(history.rows.map((row) => row.version)).toEqual(values.map((_, i) => before.version + i + 1));
    // Each change starts from the value the previous one left.
    expect(history.rows[0]!.old_value).toBe(before.threshold);
    for (let i = 1; i < history.rows.length; i += 1) expect(history.rows[i]!.old_value).toBe(history.rows[i - 1]!.new_value);
    const after = (await loadThresholdRules()).byTask.mind2web!;
    expect(after.version).toBe(before.version + values.length);
    expect(after.threshold).toBe(history.rows.at(-1)!.new_value);
    expect(new Set(changes.map((change) => change.version)).size).toBe(values.length);
  });
});

async function auditCount(type: string): Promise<number> {
  return (await pool().query<{ n: number }>("select count(*)::int as n from audit_events where type = $1", [type])).rows[0]!.n;
}
