import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STEP_GRAMMAR, TASK_TURN_INDEX, readJsonl, trainedSteps } from "./demo-test-helpers";
import { writeDemoFiles, type TDemoResult } from "./generate";
import type { TShareGptRow } from "./general-sharegpt";
import { TASK_BUILDERS } from "./tasks";
import { DEMO_TASKS, type TAgentRow } from "./types";

let dir: string;
let demo: TDemoResult;
const rows = new Map<string, TAgentRow[]>();
const quirkOf = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "demo-gen-"));
  demo = await writeDemoFiles(path.join(dir, "default"), { includeHuge: true });
  for (const f of demo.files) if (f.kind === "agent" && f.task) rows.set(f.task, readJsonl(f.path));
  for (const q of demo.quirks) quirkOf.set(q.itemId, q.quirk);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const clean = (task: string) => (rows.get(task) ?? []).filter((r) => !quirkOf.has(r.item_id));
const share = (values: readonly number[], test: (v: number) => boolean) => values.filter(test).length / values.length;

describe("writeDemoFiles", () => {
  it("writes one JSONL per task, a ShareGPT array and a test set", async () => {
    expect(demo.files.map((f) => [path.basename(f.path), f.kind, f.task ?? null])).toEqual([
      ["demo-os.jsonl", "agent", "os"],
      ["demo-db.jsonl", "agent", "db"],
      ["demo-alfworld.jsonl", "agent", "alfworld"],
      ["demo-webshop.jsonl", "agent", "webshop"],
      ["demo-kg.jsonl", "agent", "kg"],
      ["demo-mind2web.jsonl", "agent", "mind2web"],
      ["demo-general-sharegpt.json", "general", null],
      ["demo-testset.json", "testset", null],
    ]);
    for (const task of DEMO_TASKS) expect(rows.get(task)).toHaveLength(60);
  });

  it("is byte-identical for the same seed and differs for another seed", async () => {
    const a = await writeDemoFiles(path.join(dir, "a"), { seed: 7, perTask: 15 });
    const b = await writeDemoFiles(path.join(dir, "b"), { seed: 7, perTask: 15 });
    const c = await writeDemoFiles(path.join(dir, "c"), { seed: 8, perTask: 15 });
    expect(await readdir(path.join(dir, "a"))).toHaveLength(8);
    a.files.forEach((f, i) => {
      const same = readFileSync(b.files[i]?.path ?? "", "utf8");
      const other = readFileSync(c.files[i]?.path ?? "", "utf8");
      expect(readFileSync(f.path, "utf8")).toBe(same);
      expect(readFileSync(f.path, "utf8")).not.toBe(other);
    });
    expect(a.testLabels).toEqual(b.testLabels);
  });

  it.each(DEMO_TASKS)("%s: rows have the AgentGym shape, the prefix and the task turn at its index", (task) => {
    const builder = TASK_BUILDERS[task];
    const index = TASK_TURN_INDEX[task] ?? -1;
    expect(builder.prefix).toHaveLength(index);
    for (const row of clean(task)) {
      expect(row.item_id).toMatch(new RegExp(`^${task}_\\d+$`));
      expect(["gpt-4", "gpt-3.5-turbo"]).toContain(row.model);
      expect(row.success).toBe(row.reward >= 1 ? 1 : 0);
      const conv = row.conversations;
      expect(conv.slice(0, index)).toEqual(builder.prefix);
      expect(conv[index]).toMatchObject({ from: "human", loss: null });
      expect(conv[conv.length - 1]?.from).toBe("gpt");
      conv.slice(index).forEach((turn, i) => {
        expect(turn.from).toBe(i % 2 === 0 ? "human" : "gpt");
        expect(turn.loss).toBe(turn.from === "gpt" ? true : null);
      });
      for (const s of trainedSteps(row)) expect(s.value).toMatch(STEP_GRAMMAR[task] as RegExp);
    }
  });

  it("keeps the prefix loss flags: null on human turns, false on scripted answers", () => {
    for (const task of ["os", "kg"] as const) {
      for (const turn of TASK_BUILDERS[task].prefix) expect(turn.loss).toBe(turn.from === "human" ? null : false);
    }
  });

  it("spreads rewards so that thresholds matter", () => {
    for (const task of ["os", "db", "alfworld"]) {
      const r = (rows.get(task) ?? []).map((x) => x.reward);
      expect(r.every((v) => v === 0 || v === 1)).toBe(true);
      expect(share(r, (v) => v === 1)).toBeGreaterThan(0.5);
      expect(share(r, (v) => v === 1)).toBeLessThan(0.85);
    }
    const web = (rows.get("webshop") ?? []).map((x) => x.reward);
    expect(share(web, (v) => v >= 0.75)).toBeGreaterThan(0.5);
    expect(share(web, (v) => v > 0 && v < 1)).toBeGreaterThan(0.2);
    expect(share(web, (v) => v < 0.5)).toBeGreaterThan(0.03);
    const kg = (rows.get("kg") ?? []).map((x) => x.reward);
    expect(kg.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(kg).size).toBeGreaterThan(3);
    const m2w = (rows.get("mind2web") ?? []).map((x) => x.reward);
    expect(share(m2w, (v) => v === 1)).toBeLessThan(0.15);
    expect(share(m2w, (v) => v >= 2 / 3)).toBeGreaterThan(0.2);
    expect(share(m2w, (v) => v >= 2 / 3)).toBeLessThan(0.7);
  });

  it("mixes models, and marks db rows with their origin", () => {
    const all = [...rows.values()].flat();
    expect(share(all.map((r) => (r.model === "gpt-4" ? 1 : 0)), (v) => v === 1)).toBeGreaterThan(0.6);
    expect(all.some((r) => r.model === "gpt-3.5-turbo")).toBe(true);
    const origins = new Set((rows.get("db") ?? []).map((r) => r.origin));
    expect(origins).toEqual(new Set(["task-derivation", "self-instruct"]));
    expect(all.filter((r) => !r.item_id.startsWith("db_")).every((r) => r.origin === undefined)).toBe(true);
  });

  it("keeps raw terminal bytes in os observations and [SEP] pages in webshop", () => {
    const osObs = clean("os").flatMap((r) => r.conversations.slice(7).filter((t) => t.from === "human").map((t) => t.value));
    expect(osObs.some((v) => v.includes("\u001b]0;root@") && v.includes("\u0007") && v.includes("\r\n") && v.includes("\u001b[K"))).toBe(true);
    expect(osObs.some((v) => v === "The output of the OS is empty.")).toBe(true);
    const webObs = clean("webshop").flatMap((r) => r.conversations.slice(3).filter((t) => t.from === "human").map((t) => t.value));
    expect(webObs.every((v) => v.includes(" [SEP] "))).toBe(true);
  });

  it("writes a ShareGPT array at about 1 gpt-4 to 4 gpt-3.5-turbo", () => {
    const file = demo.files.find((f) => f.kind === "general");
    const general = JSON.parse(readFileSync(file?.path ?? "", "utf8")) as TShareGptRow[];
    expect(general).toHaveLength(100);
    expect(general[0]?.id).toBe("sg_1");
    const gpt4 = general.filter((r) => r.model === "gpt-4").length / general.length;
    expect(gpt4).toBeGreaterThan(0.1);
    expect(gpt4).toBeLessThan(0.32);
    for (const r of general) {
      expect(r.conversations.length).toBeGreaterThanOrEqual(2);
      r.conversations.forEach((t, i) => expect(t.from).toBe(i % 2 === 0 ? "human" : "gpt"));
    }
  });
});
