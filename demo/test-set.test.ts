import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TASK_TURN_INDEX, contaminationRate, nGrams, readJsonl } from "./demo-test-helpers";
import { writeDemoFiles, type TDemoResult } from "./generate";
import type { TTestItem } from "./test-set";
import type { TAgentRow } from "./types";

let dir: string;
let demo: TDemoResult;
let items: TTestItem[];
const training = new Set<string>();
const taskTurns: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "demo-testset-"));
  demo = await writeDemoFiles(dir);
  items = JSON.parse(readFileSync(path.join(dir, "demo-testset.json"), "utf8")) as TTestItem[];
  // What the contamination check compares against: task turns and trained turns, never prefixes.
  for (const f of demo.files) {
    if (f.kind !== "agent" || !f.task) continue;
    for (const row of readJsonl<TAgentRow>(f.path)) {
      const taskTurn = row.conversations[TASK_TURN_INDEX[f.task] ?? 0];
      if (taskTurn?.from === "human") taskTurns.push(taskTurn.value);
      const texts = [taskTurn?.value ?? "", ...row.conversations.filter((t) => t.loss === true).map((t) => t.value)];
      for (const text of texts) for (const g of nGrams(text)) training.add(g);
    }
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("contamination test set", () => {
  it("has 10 items per task with ids, questions and labels", () => {
    expect(items).toHaveLength(60);
    expect(demo.testLabels.map((l) => l.id)).toEqual(items.map((i) => i.id));
    for (const item of items) expect(item.id).toMatch(new RegExp(`^${item.task}_test_\\d+$`));
    const kinds = demo.testLabels.reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.kind]: (acc[l.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ verbatim: 18, paraphrase: 18, template: 24 });
  });

  it("verbatim items are copied from task turns and are fully contaminated", () => {
    for (const label of demo.testLabels.filter((l) => l.kind === "verbatim")) {
      const q = items.find((i) => i.id === label.id)?.question ?? "";
      expect(taskTurns.some((t) => t.includes(q))).toBe(true);
      expect(contaminationRate(q, training)).toBe(1);
    }
  });

  it("paraphrased items share no 10-gram with the training turns", () => {
    for (const label of demo.testLabels.filter((l) => l.kind === "paraphrase")) {
      const q = items.find((i) => i.id === label.id)?.question ?? "";
      expect(label.sourceItemId).not.toBeNull();
      expect(contaminationRate(q, training), q).toBe(0);
    }
  });

  it("template items reuse the wording, not the content, and are never dirty", () => {
    for (const label of demo.testLabels.filter((l) => l.kind === "template")) {
      const q = items.find((i) => i.id === label.id)?.question ?? "";
      expect(taskTurns.some((t) => t.includes(q))).toBe(false);
      expect(contaminationRate(q, training), q).toBeLessThan(0.8);
    }
    const db = items.filter((i) => demo.testLabels.find((l) => l.id === i.id)?.kind === "template" && i.task === "db");
    expect(db.every((i) => /The name of this table is .+, and the headers of this table are /.test(i.question))).toBe(true);
  });
});
