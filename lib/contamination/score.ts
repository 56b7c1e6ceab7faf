/**
 * From the matched-n-gram bitmap to per-item rates and the per-task table of
 * docs/method.md §5. A token is contaminated if some matched, non-template n-gram
 * of the item covers it; the rate divides by all the item's tokens.
 */
import { labelFor, type TCheckParams, type TContaminationLabel } from "./params";
import type { TTestIndex } from "./test-index";

export type TItemResult = {
  index: number;
  id: string;
  task: string;
  tokens: number;
  contaminated: number;
  rate: number;
  label: TContaminationLabel;
  /** Item-local token ranges [start, end) covered by matched n-grams (merged). */
  spans: [number, number][];
};

export function scoreItems(index: TTestIndex, matched: Uint8Array, params: TCheckParams): TItemResult[] {
  const n = index.n;
  const out: TItemResult[] = [];
  for (let i = 0; i < index.items.length; i++) {
    const item = index.items[i]!;
    const tokens = index.itemTokens[i]!;
    const spans: [number, number][] = [];
    let contaminated = 0;
    let coveredUntil = 0;
    const start = index.posStart[i]!;
    const end = index.posStart[i + 1]!;
    for (let q = start; q < end; q++) {
      const g = index.posNgram[q]!;
      if (!matched[g] || index.template[g]) continue;
      const s = q - start;
      const from = Math.max(s, coveredUntil);
      contaminated += s + n - from;
      const last = spans[spans.length - 1];
      if (last && last[1] >= s) last[1] = s + n;
      else spans.push([s, s + n]);
      coveredUntil = s + n;
    }
    const rate = tokens === 0 ? 0 : contaminated / tokens;
    // An item without tokens was never compared: calling it clean would be a false all-clear.
    const label = tokens === 0 ? "neither" : labelFor(rate, params);
    out.push({ index: i, id: item.id, task: item.task, tokens, contaminated, rate, label, spans });
  }
  return out;
}

export type TTaskRow = { task: string; rate: number; clean: number; dirty: number; examples: number };

/**
 * Per task: the rate is contaminated tokens over tokens of the task's items
 * (token-weighted, as docs/method.md §5 defines the rate on tokens), and the total row
 * pools all items the same way.
 */
export function taskTable(items: readonly TItemResult[]): { rows: TTaskRow[]; total: TTaskRow } {
  const byTask = new Map<string, { tokens: number; contaminated: number; clean: number; dirty: number; examples: number }>();
  const total = { tokens: 0, contaminated: 0, clean: 0, dirty: 0, examples: 0 };
  for (const it of items) {
    let t = byTask.get(it.task);
    if (!t) byTask.set(it.task, (t = { tokens: 0, contaminated: 0, clean: 0, dirty: 0, examples: 0 }));
    for (const acc of [t, total]) {
      acc.tokens += it.tokens;
      acc.contaminated += it.contaminated;
      acc.examples++;
      if (it.label === "clean") acc.clean++;
      if (it.label === "dirty") acc.dirty++;
    }
  }
  const row = (task: string, a: typeof total): TTaskRow => ({
    task,
    rate: a.tokens === 0 ? 0 : a.contaminated / a.tokens,
    clean: a.clean,
    dirty: a.dirty,
    examples: a.examples,
  });
  const rows = [...byTask.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([task, a]) => row(task, a));
  return { rows, total: row("Total", total) };
}

export function taskTableMarkdown(table: { rows: TTaskRow[]; total: TTaskRow }): string {
  const line = (r: TTaskRow) => `| ${r.task} | ${(r.rate * 100).toFixed(1)} | ${r.clean} | ${r.dirty} | ${r.examples} |`;
  return [
    "| Task | Contamination rate (%) | # clean | # dirty | # examples |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...table.rows.map(line),
    line({ ...table.total, task: "**Total**" }),
  ].join("\n");
}

export function taskTableCsv(table: { rows: TTaskRow[]; total: TTaskRow }): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const line = (r: TTaskRow) => [esc(r.task), (r.rate * 100).toFixed(2), r.clean, r.dirty, r.examples].join(",");
  return ["task,contamination_rate_pct,clean,dirty,examples", ...table.rows.map(line), line(table.total)].join("\n") + "\n";
}
