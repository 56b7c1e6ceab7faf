/**
 * The demo generator's rows (demo/), read through the importer and parsed
 * as the app stores them, exported without CoT: no assistant turn of the six
 * tasks keeps a thought, and no prompt still asks for one.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoFiles, type TDemoResult } from "@/demo";
import { openTrajectories, type TNormalizedTrajectory } from "@/lib/formats";
import { toExportRecord } from "./to-export-record";
import { actionOf, asksForThoughts, sourceFrom, thoughtOf } from "./__fixtures__/source";

let dir: string;
let demo: TDemoResult;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "export-demo-"));
  demo = await writeDemoFiles(dir, { seed: 5, perTask: 40, generalRows: 5 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(file: string): Promise<TNormalizedTrajectory[]> {
  const { items } = await openTrajectories(file);
  const out: TNormalizedTrajectory[] = [];
  for await (const item of items) if (item.kind === "trajectory") out.push(item.value);
  return out;
}

describe("demo data, without-CoT variant", () => {
  it("leaves no thought in any assistant turn of the six tasks and no thought request in their prompts", async () => {
    const agentFiles = demo.files.filter((f) => f.kind === "agent");
    expect(agentFiles.map((f) => f.task)).toEqual(["os", "db", "alfworld", "webshop", "kg", "mind2web"]);
    for (const file of agentFiles) {
      const task = file.task!;
      let steps = 0;
      let thoughtsBefore = 0;
      for (const trajectory of await read(file.path)) {
        const source = sourceFrom(task, trajectory.turns, { externalId: trajectory.externalId ?? "x" });
        const record = toExportRecord(source, { thoughts: "none", lossMask: "asImported" }, 1);
        const byText = new Map(source.turns.map((t) => [t.rawText, t]));
        for (const turn of record.turns) {
          if (turn.role !== "assistant") continue;
          const original = byText.get(turn.text);
          // Only the scripted acknowledgement ("Ok.") passes through unchanged with a "thought".
          if (original?.isPrefix && actionOf(task, turn.text) === null) continue;
          steps += 1;
          expect(thoughtOf(task, turn.text), `${task} ${record.id}: ${turn.text}`).toBeNull();
        }
        thoughtsBefore += source.turns.filter((t) => t.role === "assistant" && !t.isPrefix && t.thought !== null).length;
        const prompt = source.turns.filter((t) => t.isPrefix && t.role !== "assistant").map((t) => record.turns[t.index]!.text);
        for (const text of prompt) expect(asksForThoughts(text), `${task}: ${text}`).toBeNull();
        if (record.turns.length > 0 && source.turns.at(-1)?.role === "assistant") expect(record.turns.at(-1)!.role).toBe("assistant");
      }
      expect(steps, task).toBeGreaterThanOrEqual(40);
      expect(thoughtsBefore, task).toBeGreaterThan(0);
    }
  });

  it("keeps general (ShareGPT) data as it was", async () => {
    const general = demo.files.find((f) => f.kind === "general")!;
    for (const trajectory of await read(general.path)) {
      const source = sourceFrom("general", trajectory.turns, { kind: "general" });
      const record = toExportRecord(source, { thoughts: "none", lossMask: "asImported" }, 1);
      expect(record.turns.map((t) => t.text)).toEqual(trajectory.turns.map((t) => t.text));
    }
  });
});
