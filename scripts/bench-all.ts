/**
 * `npm run bench -- --scale small|full`: every benchmark, one after the other
 * (each with its baseline measured in the same run), then BENCHMARKS.md with
 * each figure, its goal, the baseline, the ratio, the machine (cores, load
 * before and after) and the commit. `small` is the CI-sized check (a few
 * minutes); `full` is the 1M-trajectory / 1 GB scale (hours on a small host).
 *
 *   npm run bench [-- --scale small|full --only review,browse --keep --out BENCHMARKS.md]
 *
 * Each bench runs as its own process with --json; its last stdout line is its
 * result. A bench that fails is listed with its exit code, and the others still run.
 */
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { hostFigures, parseScale, type TBenchJson } from "./bench-support";
import type { TCpuSplit } from "./bench-cpu";
import { WORKER_NODE_FLAGS } from "./node-runtime";

const BENCHES = ["browse", "thresholds", "review", "import", "export", "contamination", "jobs"] as const;
type TBench = (typeof BENCHES)[number];

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "small" },
    only: { type: "string" },
    keep: { type: "boolean", default: false },
    out: { type: "string", default: "BENCHMARKS.md" },
  },
});
const SCALE = parseScale(args.scale);
const selected = args.only ? args.only.split(",").map((name) => name.trim()) : [...BENCHES];
for (const name of selected) if (!BENCHES.includes(name as TBench)) throw new Error(`--only: no bench named ${name} (${BENCHES.join(", ")})`);

type TOutcome = { bench: TBench; seconds: number; exitCode: number | null; result: TBenchJson | null };

const before = hostFigures();
const started = Date.now();
const outcomes: TOutcome[] = [];
for (const bench of selected as TBench[]) outcomes.push(await run(bench));
const after = hostFigures();
writeFileSync(args.out, markdown());
console.log(`\nwrote ${args.out} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
process.exit(outcomes.every((outcome) => outcome.exitCode === 0) ? 0 : 1);

/** One bench as a child process; its output streams through, its last line is kept as the result. */
function run(bench: TBench): Promise<TOutcome> {
  console.log(`\n=== bench:${bench} --scale ${SCALE}`);
  const benchStarted = Date.now();
  // With the workers' flags: bench:export runs an export's work in its own process, and its peak RSS is a goal.
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, "--import", "tsx", `scripts/bench-${bench}.ts`, "--scale", SCALE, "--json", ...(args.keep ? ["--keep"] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let last = "";
  let buffered = "";
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) last = line.trim();
  });
  return new Promise((resolve) =>
    child.on("exit", (exitCode) => {
      if (buffered.trim()) last = buffered.trim();
      resolve({ bench, exitCode, seconds: (Date.now() - benchStarted) / 1000, result: parseResult(last) });
    }),
  );
}

function parseResult(line: string): TBenchJson | null {
  try {
    const parsed = JSON.parse(line) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as TBenchJson) : null;
  } catch {
    return null;
  }
}

/** The figure each bench is judged by, in words. */
function figure(outcome: TOutcome): string {
  const r = outcome.result as Record<string, unknown> | null;
  if (!r) return `no result (exit ${outcome.exitCode})`;
  const n = (key: string) => String(r[key] ?? "?");
  switch (outcome.bench) {
    case "browse":
      return `facets worst p95 ${n("facetsWorstP95")} ms (${n("trajectories")} trajectories)`;
    case "thresholds":
      return `worst case p95 ${n("worstP95")} ms (${n("trajectories")} trajectories)`;
    case "review": {
      const endpoints = r.endpoints as Record<string, { p95: number }>;
      const p95 = Object.entries(endpoints).map(([name, value]) => `${name} ${value.p95}`).join(", ");
      return `${n("clients")} clients, ${n("rps")} req/s, p95 ms: ${p95}; errors ${n("errors")}, double ${n("doubleDecisions")}, missing ${n("missingDecisions")}`;
    }
    case "import":
      return `${n("mbPerS")} MB/s (${n("mb")} MB), peak RSS ${n("peakRssMb")} MB; PostgreSQL alone storing the same rows: ${n("storeOnlySeconds")} s, a ceiling of ${n("ratioCeiling")}x`;
    case "export":
      return `${n("mbPerS")} MB/s (${n("mb")} MB of files), peak RSS ${n("peakRssMb")} MB`;
    case "contamination":
      return `${n("mbPerS")} MB/s on ${n("mb")} MB vs ${n("items")} items (one worker, ${n("scanThreads")} scan threads), same results: ${n("sameResults")}`;
    default:
      return Object.entries(r)
        .filter(([, value]) => typeof value !== "object")
        .map(([key, value]) => `${key} ${value}`)
        .join(", ");
  }
}

/** "91 / 7 / 1 / 1 %; postgres 0.9, server 0.7": where the CPU went while the bench's figure was timed. */
function cpuCell(result: TBenchJson | null): string {
  const cpu = (result?.host as { cpu?: TCpuSplit | null } | undefined)?.cpu;
  if (!cpu) return "—";
  const cores = Object.entries(cpu.cores).map(([name, value]) => `${name} ${value}`).join(", ");
  return `${cpu.busyPct} / ${cpu.stealPct} / ${cpu.iowaitPct} / ${cpu.idlePct} %; ${cores}`;
}

function markdown(): string {
  const commit = git(["rev-parse", "--short", "HEAD"]);
  const dirty = git(["status", "--porcelain"]) ? " (with uncommitted changes)" : "";
  const cell = (text: unknown) => String(text ?? "—").replaceAll("|", "\\|");
  const rows = outcomes.map((outcome) => {
    const r = outcome.result;
    const verdict = r?.pass === true ? "met" : r?.pass === false ? "NOT met" : "—";
    return `| ${outcome.bench} | ${cell(figure(outcome))} | ${cell(r?.goal)} | ${cell(r?.baseline)} | ${cell(r?.ratio)} | ${verdict} | ${cell(cpuCell(r))} | ${outcome.seconds.toFixed(0)} |`;
  });
  return [
    `# Benchmarks (${SCALE} scale)`,
    "",
    `Written by \`npm run bench -- --scale ${SCALE}\` on ${new Date().toISOString()}, commit ${commit}${dirty}.`,
    `Machine: ${before.cores} cores; load average ${before.load} before, ${after.load} after. Other work on the host skews every figure.`,
    "",
    "| bench | figure | goal | baseline (same run) | ratio | goal | host CPU while timed | s |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "Ratio: the figure over the baseline (import, export), the speed-up over the reference (contamination),",
    "the worst p95 over the goal (review, browse) or over one scan of the rewards (thresholds).",
    "Host CPU while timed: of the machine's CPU time during the timed part, the share busy / taken by the hypervisor",
    "for other guests (steal) / idle waiting on disk / idle, then the cores each process used on average (bench = the bench's own process:",
    "the review's clients, the export, the contamination reference). Little idle time left means the figure is bound by CPU.",
    "Each bench's full JSON result:",
    "",
    "```json",
    ...outcomes.map((outcome) => JSON.stringify(outcome.result ?? { bench: outcome.bench, exitCode: outcome.exitCode })),
    "```",
    "",
  ].join("\n");
}

function git(gitArgs: string[]): string {
  try {
    return execFileSync("git", gitArgs).toString().trim();
  } catch {
    return "unknown";
  }
}
