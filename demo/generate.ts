/**
 * Writes the demo dataset as files in the shapes users bring (FORMATS.md), so
 * the app loads it through the real importers: one AgentGym-style JSONL per
 * task, one ShareGPT JSON array of general data, one contamination test set,
 * and (when asked, as the seeded demo does) one OpenAI tool-calling JSONL.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { buildRow } from "./build-row";
import { buildShareGptRows } from "./general-sharegpt";
import { planDemoQuirks } from "./quirk-plan";
import { withTextFile } from "./stream-writer";
import { buildToolCallingRows } from "./tool-calling";
import { TASK_BUILDERS } from "./tasks";
import { buildTestSet, DEFAULT_TEST_SHAPE, type TSourceInstruction, type TTestLabel, type TTestSetShape } from "./test-set";
import { DEMO_TASKS, type TDemoTask, type TQuirk } from "./types";

export type TDemoOptions = {
  /** Same seed, byte-identical files. Default 1. */
  seed?: number;
  /** Agent trajectories per task. Default 60. */
  perTask?: number;
  /** Add one ~300-turn trajectory (alfworld) and one ~200 KB observation (os). Default false. */
  includeHuge?: boolean;
  /** Format errors, loops, empty and assistant-first rows, raw HTML pages. Default true. */
  quirks?: boolean;
  /** ShareGPT rows. Default 100. */
  generalRows?: number;
  /** Test items per task by kind. Default 3 verbatim, 3 paraphrase, 4 template. */
  testSet?: TTestSetShape;
  /** Which tasks to write. Default all six. */
  tasks?: readonly TDemoTask[];
  /** Rows of the OpenAI tool-calling file (demo-tool-calling.jsonl). Default 0 (no file): callers sized for
   *  the ReAct tasks keep their files; the seeded demo asks for DEMO_DEFAULTS.toolRows. */
  toolRows?: number;
};

export type TDemoFile = { path: string; kind: "agent" | "general" | "testset"; name: string; task?: string };

export type TDemoQuirkRow = { task: TDemoTask; itemId: string; quirk: TQuirk };

export type TDemoResult = {
  files: TDemoFile[];
  /** Every row that carries a deliberate quirk. */
  quirks: TDemoQuirkRow[];
  /** What each test item is (verbatim / paraphrase / template): not written to disk. */
  testLabels: TTestLabel[];
};

export const DEMO_DEFAULTS = { seed: 1, perTask: 60, generalRows: 100, toolRows: 48 } as const;

export async function writeDemoFiles(dir: string, options: TDemoOptions = {}): Promise<TDemoResult> {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const perTask = options.perTask ?? DEMO_DEFAULTS.perTask;
  const quirkOptions = { quirks: options.quirks ?? true, includeHuge: options.includeHuge ?? false };
  await mkdir(dir, { recursive: true });

  const files: TDemoFile[] = [];
  const quirks: TDemoQuirkRow[] = [];
  const sources = new Map<TDemoTask, TSourceInstruction[]>();
  const instructions = new Map<TDemoTask, string[]>();

  for (const task of options.tasks ?? DEMO_TASKS) {
    const builder = TASK_BUILDERS[task];
    const plan = planDemoQuirks(builder, perTask, seed, quirkOptions);
    const filePath = path.join(dir, `demo-${task}.jsonl`);
    const clean: TSourceInstruction[] = [];
    const all: string[] = [];
    await withTextFile(filePath, async (w) => {
      for (let i = 0; i < perTask; i++) {
        const quirk = plan.get(i) ?? null;
        const { row, episode } = buildRow(builder, { seed, stream: "demo", index: i, idNumber: i, quirk, detail: 1 });
        await w.write(`${JSON.stringify(row)}\n`);
        all.push(episode.instruction);
        if (quirk) quirks.push({ task, itemId: row.item_id, quirk });
        else clean.push({ itemId: row.item_id, instruction: episode.instruction, paraphrase: episode.paraphrase });
      }
    });
    sources.set(task, clean);
    instructions.set(task, all);
    files.push({ path: filePath, kind: "agent", name: `demo-${task}`, task });
  }

  const generalPath = path.join(dir, "demo-general-sharegpt.json");
  await writeJsonArray(generalPath, buildShareGptRows(seed, options.generalRows ?? DEMO_DEFAULTS.generalRows));
  files.push({ path: generalPath, kind: "general", name: "demo-general-sharegpt" });

  const toolRows = options.toolRows ?? 0;
  if (toolRows > 0) {
    const toolPath = path.join(dir, "demo-tool-calling.jsonl");
    await withTextFile(toolPath, async (w) => {
      for (const row of buildToolCallingRows(seed, toolRows)) await w.write(`${JSON.stringify(row)}\n`);
    });
    // no task given: the importer files tool-calling rows under the task "tools"
    files.push({ path: toolPath, kind: "agent", name: "demo-tool-calling" });
  }

  const { items, labels } = buildTestSet(seed, sources, options.testSet ?? DEFAULT_TEST_SHAPE, instructions);
  const testPath = path.join(dir, "demo-testset.json");
  await writeJsonArray(testPath, items);
  files.push({ path: testPath, kind: "testset", name: "demo-testset" });

  return { files, quirks, testLabels: labels };
}

/** A JSON array with one element per line. */
async function writeJsonArray(filePath: string, rows: readonly unknown[]): Promise<void> {
  await withTextFile(filePath, async (w) => {
    await w.write("[\n");
    for (let i = 0; i < rows.length; i++) await w.write(`${JSON.stringify(rows[i])}${i < rows.length - 1 ? "," : ""}\n`);
    await w.write("]\n");
  });
}
