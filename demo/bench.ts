/**
 * The import benchmark's input: one big AgentGym-style JSONL of mixed tasks
 * (~10 KB per trajectory on average, so 100,000 trajectories ≈ 1 GB), written
 * row by row to a stream that is allowed to drain: memory stays flat.
 */
import { buildRow } from "./build-row";
import { rngFor } from "./random";
import { drawBenchQuirk } from "./quirk-plan";
import { withTextFile } from "./stream-writer";
import { TASK_BUILDERS } from "./tasks";
import type { TDemoTask } from "./types";

export type TBenchOptions = {
  trajectories: number;
  /** Same seed, byte-identical file. Default 1. */
  seed?: number;
  /** Called every `progressEvery` rows and once at the end with the rows written so far. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
  /** Target average row size in bytes (newline included). Default 10,000. */
  averageBytes?: number;
};

/** The released recipe's task shares (db 28.8 %, webshop 18.8 %, ...). */
export const BENCH_TASK_SHARES: readonly (readonly [TDemoTask, number])[] = [
  ["db", 28.8],
  ["webshop", 18.8],
  ["alfworld", 18.0],
  ["kg", 17.4],
  ["os", 10.5],
  ["mind2web", 6.5],
];

const MIN_DETAIL = 0.3;
const MAX_DETAIL = 40;
/** How many rows' worth of byte deficit multiply `detail` by e. */
const DEFICIT_SCALE_ROWS = 20;

export async function writeBenchJsonl(filePath: string, options: TBenchOptions): Promise<{ bytes: number; trajectories: number }> {
  const seed = options.seed ?? 1;
  const target = options.averageBytes ?? 10_000;
  const every = Math.max(1, options.progressEvery ?? 1000);
  const { bytes } = await withTextFile(filePath, async (w) => {
    let detail = 1;
    for (let i = 0; i < options.trajectories; i++) {
      const task = rngFor(seed, "bench-task", i).weighted(BENCH_TASK_SHARES);
      const builder = TASK_BUILDERS[task];
      const quirk = drawBenchQuirk(builder, seed, i);
      const { row } = buildRow(builder, { seed, stream: "bench", index: i, idNumber: i, quirk, detail });
      await w.write(`${JSON.stringify(row)}\n`);
      // Rows grow with `detail`, which follows the running byte deficit: above 1
      // while the file is behind its budget, below 1 when ahead. The deficit
      // settles at a few rows' worth, so the average lands on the target.
      const deficit = target * (i + 1) - w.bytes;
      detail = Math.min(MAX_DETAIL, Math.max(MIN_DETAIL, Math.exp(deficit / (target * DEFICIT_SCALE_ROWS))));
      if ((i + 1) % every === 0) options.onProgress?.(i + 1);
    }
    if (options.trajectories % every !== 0) options.onProgress?.(options.trajectories);
  });
  return { bytes, trajectories: options.trajectories };
}
