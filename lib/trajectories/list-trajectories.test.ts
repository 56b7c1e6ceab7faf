import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { systemActor } from "@/lib/access/actor";
import { useTestDatabase } from "@/testing/database";
import { facetCounts } from "./facets";
import { listTrajectories, neighbours } from "./list-trajectories";
import { filterOf, parseTrajectoryQuery, type TTrajectoryQuery, toSearchParams, ZTrajectoryQuery } from "./query";

useTestDatabase();
const ACTOR = systemActor("test");

type TSeed = { id: string; task: string; reward: number | null; model: string | null; errors: number; instruction: string };
let seeded: TSeed[] = [];

// 137 trajectories: rewards with ties and nulls, three tasks, some without a model.
beforeAll(async () => {
  await pool().query(`insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values
    (1, 'alpha', 'a.jsonl', 'agentinstruct', 'x', 1, 'test'), (2, 'beta', 'b.jsonl', 'agentinstruct', 'y', 1, 'test')`);
  await pool().query(`
    insert into trajectories (dataset_id, external_id, task, source_model, reward, instruction, turn_count, step_count,
                              token_count, format_error_count, content_hash)
    select 1 + (i % 2), 'item_' || i, (array['os','db','webshop'])[1 + i % 3],
           case when i % 5 = 0 then null else (array['gpt-4','gpt-3.5-turbo'])[1 + i % 2] end,
           case when i % 7 = 0 then null else round(((i * 37) % 10) / 10.0, 1) end,
           case when i % 10 = 3 then 'find the largest file in the home folder' else 'count the rows of table ' || i end,
           i % 9, 1, 10, case when i % 11 = 0 then 2 else 0 end, md5(i::text)
      from generate_series(1, 137) i`);
  const rows = await pool().query(
    "select id::text, task, reward, source_model as model, format_error_count as errors, instruction from trajectories",
  );
  seeded = rows.rows;
});

const query = (input: Record<string, unknown>): TTrajectoryQuery => ZTrajectoryQuery.parse(input);

/** Expected order: a missing reward counts as the lowest (first ascending, last descending), ties by id. */
function expectedOrder(rows: TSeed[], dir: "asc" | "desc"): string[] {
  const sign = dir === "asc" ? 1 : -1;
  const value = (row: TSeed) => row.reward ?? Number.NEGATIVE_INFINITY;
  return [...rows]
    .sort((a, b) => (value(a) === value(b) ? sign * (Number(a.id) - Number(b.id)) : sign * (value(a) - value(b))))
    .map((row) => row.id);
}

async function walkForward(base: TTrajectoryQuery): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = await listTrajectories(ACTOR, { ...base, after, before: undefined });
    pages.push(page.rows.map((row) => row.id));
    if (!page.next) return pages;
    after = page.next;
  }
  throw new Error("pagination did not end");
}

describe("listTrajectories keyset pagination", () => {
  for (const dir of ["asc", "desc"] as const) {
    it(`visits every row once, in order, sorted by a nullable column (${dir})`, async () => {
      const pages = await walkForward(query({ sort: "reward", dir, size: 25 }));
      expect(pages.flat()).toEqual(expectedOrder(seeded, dir));
      expect(pages.length).toBe(Math.ceil(137 / 25));
    });
  }

  it("walks back with previous cursors to the same pages", async () => {
    const base = query({ sort: "reward", dir: "asc", size: 25 });
    const forward = await walkForward(base);
    let page = await listTrajectories(ACTOR, { ...base, after: undefined });
    for (let i = 0; i < forward.length - 1; i += 1) page = await listTrajectories(ACTOR, { ...base, after: page.next ?? undefined });
    const backward: string[][] = [page.rows.map((row) => row.id)];
    while (page.previous) {
      page = await listTrajectories(ACTOR, { ...base, before: page.previous, after: undefined });
      backward.unshift(page.rows.map((row) => row.id));
    }
    expect(backward).toEqual(forward);
  });

  it("has no previous page at the start and no next page at the end", async () => {
    const first = await listTrajectories(ACTOR, query({ size: 200 }));
    expect(first.previous).toBeNull();
    expect(first.next).toBeNull();
    expect(first.total).toEqual({ value: 137, estimated: false });
  });

  it("finds the neighbours of a trajectory in the table's order", async () => {
    const order = expectedOrder(seeded, "desc");
    const around = await neighbours(ACTOR, query({ sort: "reward", dir: "desc" }), order[10]!);
    expect(around).toEqual({ previous: order[9], next: order[11] });
  });
});

describe("filters compile to SQL through the whitelist", () => {
  it("combines task and reward range", async () => {
    const page = await listTrajectories(ACTOR, query({ task: "webshop,os", rewardMin: 0.5, size: 200 }));
    const expected = seeded.filter((row) => ["webshop", "os"].includes(row.task) && row.reward !== null && row.reward >= 0.5);
    expect(page.rows.map((row) => row.id).sort()).toEqual(expected.map((row) => row.id).sort());
    expect(page.total.value).toBe(expected.length);
  });

  it("filters rows without a reward, with format errors, and without a source model", async () => {
    const noReward = await listTrajectories(ACTOR, query({ noReward: "yes", size: 200 }));
    expect(noReward.rows.length).toBe(seeded.filter((row) => row.reward === null).length);
    const errors = await listTrajectories(ACTOR, query({ formatErrors: "yes", size: 200 }));
    expect(errors.rows.length).toBe(seeded.filter((row) => row.errors > 0).length);
    const unnamed = await listTrajectories(ACTOR, query({ model: "(none)", size: 200 }));
    expect(unnamed.rows.length).toBe(seeded.filter((row) => row.model === null).length);
    const noneOrGpt4 = await listTrajectories(ACTOR, query({ model: "(none),gpt-4", size: 200 }));
    expect(noneOrGpt4.rows.length).toBe(seeded.filter((row) => row.model === null || row.model === "gpt-4").length);
  });

  it("searches instructions with the full-text index", async () => {
    const page = await listTrajectories(ACTOR, query({ q: "largest file", size: 200 }));
    expect(page.rows.length).toBe(seeded.filter((row) => row.instruction.includes("largest file")).length);
    expect(page.rows.length).toBeGreaterThan(0);
  });

  it("treats hostile input as a value, never as SQL", async () => {
    const page = await listTrajectories(ACTOR, query({ task: "os'); drop table trajectories; --", q: "'; select 1; --" }));
    expect(page.rows).toEqual([]);
    expect((await pool().query("select count(*)::int as n from trajectories")).rows[0].n).toBe(137);
  });
});

describe("facet counts", () => {
  it("count each value under the other filters but not their own", async () => {
    const facets = await facetCounts(ACTOR, filterOf(query({ task: "os", formatErrors: "no" })));
    const withoutErrors = seeded.filter((row) => row.errors === 0);
    const taskCounts = Object.fromEntries(facets.task.map((facet) => [facet.value, facet.count]));
    expect(taskCounts).toEqual({
      os: withoutErrors.filter((row) => row.task === "os").length,
      db: withoutErrors.filter((row) => row.task === "db").length,
      webshop: withoutErrors.filter((row) => row.task === "webshop").length,
    });
    const models = Object.fromEntries(facets.model.map((facet) => [facet.label, facet.count]));
    expect(models["(none)"]).toBe(withoutErrors.filter((row) => row.task === "os" && row.model === null).length);
    expect(facets.dataset.map((facet) => facet.label).sort()).toEqual(["alpha", "beta"]);
  });
});

describe("the URL query", () => {
  it("names a bad parameter", () => {
    const parsed = parseTrajectoryQuery(new URLSearchParams("rewardMin=2&sort=secret"));
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["rewardMin", "sort"]));
  });

  it("round-trips through the shortest URL", () => {
    const state = query({ task: ["os", "db"], rewardMin: 0.5, sort: "reward", dir: "asc", hide: ["updated"] });
    const params = toSearchParams(state);
    expect(params.toString()).toBe("task=os%2Cdb&rewardMin=0.5&sort=reward&dir=asc&hide=updated");
    expect(parseTrajectoryQuery(params).data).toEqual(state);
  });
});

describe("the passes-threshold filter and column", () => {
  // Seeded rewards are 0..0.9 and null, on os/db/webshop (threshold 1 by the migration's defaults).
  const passing = (thresholds: Record<string, number>) =>
    seeded.filter((row) => (row.reward === null ? true : row.reward >= (thresholds[row.task] ?? 1) - 1e-9));

  it("with the method's defaults only trajectories without a reward pass (kept as passing)", async () => {
    const yes = await listTrajectories(ACTOR, query({ passes: "yes", size: 200 }));
    expect(yes.total.value).toBe(passing({}).length);
    expect(yes.rows.every((row) => row.reward === null && row.passes === true)).toBe(true);
    const no = await listTrajectories(ACTOR, query({ passes: "no", size: 200 }));
    expect(no.total.value).toBe(137 - yes.total.value);
  });

  it("follows a changed threshold, ties included, in the filter, the column and the facets", async () => {
    await pool().query("update task_thresholds set threshold = 0.3 where task = 'webshop'");
    try {
      const expected = passing({ webshop: 0.3 });
      const yes = await listTrajectories(ACTOR, query({ passes: "yes", size: 200 }));
      expect(yes.rows.map((row) => row.id).sort()).toEqual(expected.map((row) => row.id).sort());
      // round(x, 1) stored 0.3 as the float 0.3: the tie passes.
      expect(yes.rows.some((row) => row.task === "webshop" && row.reward === 0.3)).toBe(true);
      const page = await listTrajectories(ACTOR, query({ task: "webshop", size: 200 }));
      for (const row of page.rows) expect(row.passes).toBe(row.reward === null || row.reward >= 0.3);
      const facets = await facetCounts(ACTOR, filterOf(query({ passes: "yes" })));
      expect(facets.task.find((facet) => facet.value === "webshop")!.count).toBe(expected.filter((row) => row.task === "webshop").length);
    } finally {
      await pool().query("update task_thresholds set threshold = 1 where task = 'webshop'");
    }
  });

  it("is in the URL like the other filters", () => {
    const state = query({ task: ["webshop"], passes: "yes", hide: ["passes"] });
    expect(toSearchParams(state).toString()).toBe("task=webshop&passes=yes&hide=passes");
    expect(parseTrajectoryQuery(new URLSearchParams("passes=maybe")).success).toBe(false);
  });
});
