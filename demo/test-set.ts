/**
 * A benchmark-style test set for the contamination check. Per task: some items
 * copy a generated instruction verbatim, some paraphrase one (no 10-gram in
 * common with the training rows), and some only share the task's template,
 * filled with content that no training row uses.
 */
import { rngFor } from "./random";
import { demoNgrams, pickTemplateItems, pickVerbatim } from "./test-set-pick";
import { TASK_BUILDERS } from "./tasks";
import type { TDemoTask } from "./types";

export type TTestItem = { id: string; task: TDemoTask; question: string };

export type TTestItemKind = "verbatim" | "paraphrase" | "template";

export type TTestLabel = {
  id: string;
  task: TDemoTask;
  kind: TTestItemKind;
  /** The training row the item was made from (verbatim and paraphrase). */
  sourceItemId: string | null;
};

/** A clean training row's instruction, kept while the demo files are written. */
export type TSourceInstruction = { itemId: string; instruction: string; paraphrase: string };

export type TTestSetShape = { verbatim: number; paraphrase: number; template: number };

export const DEFAULT_TEST_SHAPE: TTestSetShape = { verbatim: 3, paraphrase: 3, template: 4 };

const wordCount = (text: string) => (text.match(/[\p{L}\p{N}_]+/gu) ?? []).length;

export function buildTestSet(
  seed: number,
  sources: ReadonlyMap<TDemoTask, readonly TSourceInstruction[]>,
  shape: TTestSetShape = DEFAULT_TEST_SHAPE,
  /** Every training row's instruction per task (sources holds the clean rows only). */
  trainingInstructions: ReadonlyMap<TDemoTask, readonly string[]> = new Map(),
): { items: TTestItem[]; labels: TTestLabel[] } {
  const items: TTestItem[] = [];
  const labels: TTestLabel[] = [];
  for (const [task, rows] of sources) {
    const rng = rngFor(seed, "testset", task);
    // Verbatim copies need at least one full 10-gram to be detectable at all.
    const usable = rng.shuffle(rows.filter((r) => wordCount(r.instruction) >= 12));
    const verbatim = pickVerbatim(usable, shape.verbatim);
    const copied = new Set(verbatim.map((r) => r.instruction));
    const paraphrased = usable.filter((r) => !copied.has(r.instruction)).slice(0, shape.paraphrase);
    const drafts: { kind: TTestItemKind; question: string; source: string | null }[] = [
      ...verbatim.map((r) => ({ kind: "verbatim" as const, question: r.instruction, source: r.itemId })),
      ...paraphrased.map((r) => ({ kind: "paraphrase" as const, question: r.paraphrase, source: r.itemId })),
    ];
    const candidates = new Set<string>();
    for (let guard = 0; candidates.size < shape.template * 10 && guard < shape.template * 40; guard++) candidates.add(TASK_BUILDERS[task].templateOnlyQuestion(rng));
    const training = new Set<string>();
    for (const text of trainingInstructions.get(task) ?? rows.map((r) => r.instruction)) demoNgrams(text).forEach((g) => training.add(g));
    const set = { verbatim: verbatim.map((r) => r.instruction), others: paraphrased.map((r) => r.paraphrase) };
    for (const question of pickTemplateItems([...candidates], set, training, shape.template)) {
      drafts.push({ kind: "template", question, source: null });
    }
    rng.shuffle(drafts).forEach((d, i) => {
      const id = `${task}_test_${i + 1}`;
      items.push({ id, task, question: d.question });
      labels.push({ id, task, kind: d.kind, sourceItemId: d.source });
    });
  }
  return { items, labels };
}
