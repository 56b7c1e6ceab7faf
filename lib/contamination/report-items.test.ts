import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { writeDemoFiles, type TDemoResult } from "@/demo";
import { importFile } from "@/lib/import/import-file";
import { importTestSet } from "@/lib/testsets/import";
import { useTestDatabase } from "@/testing/database";
import { labelCounts, mostPopulatedLabel, reportItems } from "./report-items";
import { createRun, workRun } from "./run";

useTestDatabase();
const ACTOR = systemActor("test");
let dir: string;
let demo: TDemoResult;
let runId = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "report-items-"));
  demo = await writeDemoFiles(dir, { perTask: 10, quirks: false, generalRows: 4 });
  for (const f of demo.files.filter((entry) => entry.kind === "agent")) {
    await importFile(ACTOR, { filePath: f.path, kind: "agent", datasetName: `report-${f.name}`, ...(f.task ? { task: f.task } : {}) });
  }
  await importTestSet(ACTOR, demo.files.find((f) => f.kind === "testset")!.path, { name: "bench", task: "mixed", fields: ["question"] });
  const run = await createRun(ACTOR, "bench");
  runId = (await workRun(ACTOR, run.id)).id;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mostPopulatedLabel", () => {
  it("opens the tab with the most items, not an empty dirty tab", () => {
    expect(mostPopulatedLabel({ dirty: 0, neither: 3, clean: 57 })).toBe("clean");
    expect(mostPopulatedLabel({ dirty: 0, neither: 9, clean: 2 })).toBe("neither");
    expect(mostPopulatedLabel({ dirty: 4, neither: 4, clean: 1 })).toBe("dirty");
    expect(mostPopulatedLabel({ dirty: 0, neither: 0, clean: 0 })).toBe("dirty");
  });
});

describe("reportItems", () => {
  it("gives each item its text and names the matched trajectories by external id and dataset", async () => {
    const counts = await labelCounts(ACTOR, runId);
    const all = await reportItems(ACTOR, runId, null);
    expect(counts.dirty + counts.neither + counts.clean).toBe(all.length);
    const dirty = await reportItems(ACTOR, runId, "dirty");
    expect(dirty.length).toBe(counts.dirty);
    expect(dirty.length).toBeGreaterThan(0);
    const texts = await pool().query<{ external_id: string; text: string }>("select external_id, text from test_set_items");
    const textOf = new Map(texts.rows.map((row) => [row.external_id, row.text]));
    for (const item of dirty) {
      expect(item.label).toBe("dirty");
      expect(item.text).toBe(textOf.get(item.externalId)!.slice(0, 300));
      expect(item.trajectories.length).toBeGreaterThan(0);
      for (const trajectory of item.trajectories) {
        const stored = await pool().query("select t.external_id, d.name from trajectories t join datasets d on d.id = t.dataset_id where t.id = $1", [trajectory.id]);
        expect(trajectory).toEqual({ id: trajectory.id, externalId: stored.rows[0].external_id, dataset: stored.rows[0].name });
        expect(trajectory.dataset).toMatch(/^report-demo-/);
      }
    }
  });
});
