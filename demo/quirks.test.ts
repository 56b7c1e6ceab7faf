import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STEP_GRAMMAR, readJsonl, trainedSteps } from "./demo-test-helpers";
import { writeDemoFiles, type TDemoResult } from "./generate";
import type { TAgentRow } from "./types";

let dir: string;
let demo: TDemoResult;
const byId = new Map<string, TAgentRow>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "demo-quirks-"));
  demo = await writeDemoFiles(dir, { includeHuge: true });
  for (const f of demo.files) if (f.kind === "agent") for (const row of readJsonl(f.path)) byId.set(row.item_id, row);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function rowsWith(quirk: string): { task: string; row: TAgentRow }[] {
  return demo.quirks
    .filter((q) => q.quirk === quirk)
    .map((q) => ({ task: q.task, row: byId.get(q.itemId) as TAgentRow }));
}

/** The action part of a step, as a loop detector would compare it. */
function action(text: string): string {
  return text.replace(/^(Think|THOUGHT|Thought):?[\s\S]*?(?=Act:|ACTION:|Action:)/, "").replace(/\s+/g, " ").trim();
}

describe("quirks", () => {
  it("has a format error in every task", () => {
    const found = rowsWith("format-error");
    expect(new Set(found.map((f) => f.task))).toEqual(new Set(["os", "db", "alfworld", "webshop", "kg", "mind2web"]));
    for (const { task, row } of found) {
      const bad = trainedSteps(row).filter((s) => !(STEP_GRAMMAR[task] as RegExp).test(s.value));
      expect(bad.length, row.item_id).toBeGreaterThan(0);
      expect(row.reward).toBeLessThan(1);
    }
    const sets = rowsWith("format-error").filter((f) => f.task === "mind2web");
    expect(sets.every(({ row }) => row.conversations[1]?.value.includes("Action: SET"))).toBe(true);
    const db = rowsWith("format-error").filter((f) => f.task === "db");
    expect(db.every(({ row }) => !trainedSteps(row).some((t) => t.value.includes("Final Answer:")))).toBe(true);
  });

  it("has loops: the same failed action 3+ times in a row", () => {
    const found = rowsWith("loop");
    expect(new Set(found.map((f) => f.task))).toEqual(new Set(["os", "db", "alfworld", "webshop", "kg"]));
    for (const { row } of found) {
      const actions = trainedSteps(row).map((s) => action(s.value));
      let run = 1;
      let longest = 1;
      for (let i = 1; i < actions.length; i++) {
        run = actions[i] === actions[i - 1] ? run + 1 : 1;
        longest = Math.max(longest, run);
      }
      expect(longest, row.item_id).toBeGreaterThanOrEqual(3);
      expect(row.reward).toBe(0);
    }
  });

  it("has one empty conversation and one row starting with an assistant turn", () => {
    const empty = rowsWith("empty-conversation");
    expect(empty).toHaveLength(1);
    expect(empty[0]?.row.conversations).toEqual([]);
    const first = rowsWith("starts-with-assistant");
    expect(first).toHaveLength(1);
    expect(first[0]?.row.conversations[0]?.from).toBe("gpt");
  });

  it("puts raw HTML into a few webshop pages", () => {
    const pages = rowsWith("html-in-page").map(({ row }) => row.conversations.map((t) => t.value).join("\n"));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const p of pages) {
      expect(p).toContain("<b>Best Seller</b>");
      expect(p).toContain("<img src=x onerror=alert(1)>");
      expect(p).toContain("<script>alert(1)</script>");
    }
  });

  it("adds the huge rows only when asked", async () => {
    const long = rowsWith("long-trajectory");
    expect(long).toHaveLength(1);
    expect(long[0]?.row.conversations.length).toBeGreaterThanOrEqual(290);
    expect(long[0]?.row.conversations.at(-1)?.from).toBe("gpt");
    const huge = rowsWith("huge-observation");
    expect(huge).toHaveLength(1);
    const biggest = Math.max(...(huge[0]?.row.conversations.map((t) => t.value.length) ?? [0]));
    expect(biggest).toBeGreaterThanOrEqual(200_000);

    const plain = await writeDemoFiles(path.join(dir, "plain"), { perTask: 30 });
    expect(plain.quirks.some((q) => q.quirk === "long-trajectory" || q.quirk === "huge-observation")).toBe(false);
    const none = await writeDemoFiles(path.join(dir, "none"), { perTask: 30, quirks: false });
    expect(none.quirks).toEqual([]);
  });
});
