/** What the benchmark scripts share: a throwaway embedded PostgreSQL, timing, and table printing. */
import os from "node:os";
import path from "node:path";
import { closeDb } from "../lib/db/client";
import { ensureEmbeddedPostgres, type TEmbeddedServer } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";

export type TCase = { name: string; run: () => Promise<unknown>; describe: (result: unknown) => string };
export type TResult = { name: string; summary: string; p50: number; p95: number; max: number };

/**
 * Starts the bench's own embedded PostgreSQL (never a developer's data), applies
 * the migrations and points the app's client at it. `shutdown` closes the pool
 * and stops the server, also on Ctrl-C.
 */
export async function startBenchDatabase(dataDir: string, port: number, log: (line: string) => void) {
  let server: TEmbeddedServer | null = null;
  let stopping: Promise<void> | null = null;
  const shutdown = () =>
    (stopping ??= (async () => {
      await closeDb().catch(() => {});
      // pg-pool's end() resolves before its sockets have said goodbye; a server
      // stopped right away would kill those backends and crash the process.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server?.stop().catch(() => {});
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void shutdown().finally(() => process.exit(130)));
  }
  try {
    server = await ensureEmbeddedPostgres({ dataDir, port, log });
    if (!server.startedHere) throw new Error("an embedded PostgreSQL was already running on the bench data folder");
    await applyMigrations(server.url);
    process.env.DATABASE_URL = server.url;
  } catch (error) {
    await shutdown();
    throw error;
  }
  return { shutdown };
}

/** Warm-up runs, then `runs` timed runs: p50, p95 and max in ms. */
export async function timeCase(bench: TCase, options: { warmup: number; runs: number }): Promise<TResult> {
  let last: unknown;
  for (let i = 0; i < options.warmup; i += 1) last = await bench.run();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const started = performance.now();
    last = await bench.run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { name: bench.name, summary: bench.describe(last), p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1) ?? 0 };
}

/** Nearest rank. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function printTable(log: (line: string) => void, head: string[], rows: string[][], right: boolean[]) {
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (right[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(" | ");
  log(line(head));
  log(widths.map((width) => "-".repeat(width)).join("-+-"));
  for (const row of rows) log(line(row));
}

/** Times every case, printing progress, then the results table and the host's load before and after. */
export async function runCases(cases: TCase[], options: { warmup: number; runs: number }, log: (line: string) => void): Promise<TResult[]> {
  const load = () => os.loadavg()[0]!.toFixed(2);
  const loadBefore = load();
  log("");
  log(`timing: ${options.warmup} warm-up runs, then ${options.runs} runs per case (ms, wall time in this process incl. round trips)`);
  const results: TResult[] = [];
  for (const bench of cases) {
    const result = await timeCase(bench, options);
    results.push(result);
    process.stdout.write(`  ${bench.name}: p50 ${result.p50.toFixed(1)} ms\n`);
  }
  log("");
  printTable(
    log,
    ["case", "result", "p50 ms", "p95 ms", "max ms"],
    results.map((result) => [result.name, result.summary, ...[result.p50, result.p95, result.max].map((value) => value.toFixed(1))]),
    [false, false, true, true, true],
  );
  log(`host: ${os.cpus().length} CPUs, load average ${loadBefore} before timing, ${load()} after (other work on the host skews the figures)`);
  return results;
}

export type TScale = "small" | "full";

/** The options every bench shares: --scale small|full, --json (one JSON object as the last line), --keep (leave the data). */
export const COMMON_OPTIONS = {
  scale: { type: "string", default: "full" },
  json: { type: "boolean", default: false },
  keep: { type: "boolean", default: false },
} as const;

export function parseScale(value: string | undefined): TScale {
  if (value !== "small" && value !== "full") throw new Error(`--scale must be small or full, not ${value}`);
  return value;
}

/** The host as the results table states it: cores and the 1-minute load average now. */
export function hostFigures() {
  return { cores: os.cpus().length, load: Number(os.loadavg()[0]!.toFixed(2)) };
}

/**
 * A bench's machine-readable result, printed last (with --json) so `npm run
 * bench` and CI can read the final line: its figures, the goal, the baseline
 * measured in the same run, and the ratio between them.
 */
export type TBenchJson = { bench: string; scale: TScale; goal: string; baseline: string; ratio: number | null; pass: boolean | null } & Record<string, unknown>;

export function printJson(enabled: boolean, result: TBenchJson) {
  if (enabled) console.log(JSON.stringify(result));
}

/** `<variable>=<dir>` writes a V8 CPU profile of a bench's child process there (open it in Chrome's DevTools). */
export function cpuProfileArgs(variable: "BENCH_SERVER_PROF" | "BENCH_IMPORT_PROF" | "BENCH_CONTAMINATION_PROF"): string[] {
  const dir = process.env[variable];
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}
