/**
 * Contamination check throughput on training text streamed from PostgreSQL
 * (the issue's benchmark): seeds a bench database with --mb MB of compared
 * training text and --items test items (bench-contamination-seed.ts; kept in
 * .data/bench-contamination-<mb>mb-<items>items and reused by the next run with the same flags),
 * then runs the check through the real job path in a child process
 * (bench-contamination-run.ts: range claiming, training.ts streaming, scoring)
 * and prints MB/s, total time and that process's peak RSS. Side by side, a
 * plain reference of the same rule (Sets of n-gram strings, no hashing) reads
 * the same turns and must give the same contaminated token count for every
 * test item.
 *
 *   npm run bench:contamination [-- --scale small|full --mb 1024 --items 10000 --reference full|subset --reseed --json --keep]
 *
 * --scale small: 16 MB against 500 items (full: 1 GB against 10,000). The
 * bench database is deleted afterwards unless --keep (then the next run with
 * the same shape reuses it).
 * --reference subset runs the reference (and a second job-path run to compare
 * with) on dataset bench-a only, ~10 % of the text. --drop deletes the bench
 * database afterwards. BENCH_CONTAMINATION_PROF=<dir> writes a V8 CPU profile of
 * the check's process (its own thread: the streaming from PostgreSQL, not the scan threads).
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "../lib/access/actor";
import { checkParams, type TCheckParams } from "../lib/contamination/params";
import { createRun } from "../lib/contamination/run";
import { scanThreadCount } from "../lib/contamination/scan-threads";
import { scopeOf, type TTrainingScope } from "../lib/contamination/run-datasets";
import { normalizedTokens } from "../lib/contamination/tokenize";
import { rangeRead, trainingTurns } from "../lib/contamination/training";
import { pool } from "../lib/db/client";
import { COMMON_OPTIONS, cpuProfileArgs, hostFigures, parseScale, printJson, startBenchDatabase } from "./bench-support";
import { describeCpu, startCpuMeter, type TCpuMeter } from "./bench-cpu";
import { WORKER_NODE_FLAGS } from "./node-runtime";
import { isSeeded, seed, SUBSET_DATASET, TEST_SET } from "./bench-contamination-seed";

const { values } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    mb: { type: "string" },
    items: { type: "string" },
    reference: { type: "string", default: "full" },
    reseed: { type: "boolean", default: false },
    /** Also time the check split across this many processes working one run's ranges (workRun). */
    workers: { type: "string", default: "1" },
  },
});
const SCALE = parseScale(values.scale);
values.mb ??= SCALE === "full" ? "1024" : "16";
values.items ??= SCALE === "full" ? "10000" : "500";
const loadBefore = hostFigures().load;
/** Threads the job's process scans on (CONTAMINATION_SCAN_THREADS, which the child inherits). */
const SCAN_THREADS = scanThreadCount();
const WORKERS = Number(values.workers);
if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error("--workers must be a positive integer");
const shape = { mb: Number(values.mb), items: Number(values.items) };
if (!(shape.mb > 0) || !Number.isInteger(shape.items) || shape.items < 1) throw new Error("--mb and --items must be positive");
if (values.reference !== "full" && values.reference !== "subset") throw new Error("--reference must be full or subset");

const log = (line: string) => console.log(line);
const mb = (bytes: number) => bytes / 1024 / 1024;
// One folder per shape, so a quick small run does not throw away the seeded 1 GB.
const dataDir = path.resolve(`.data/bench-contamination-${shape.mb}mb-${shape.items}items`);
const port = Number(process.env.BENCH_PG_PORT ?? 54335);
const { shutdown } = await startBenchDatabase(dataDir, port, log);
let failed = false;

try {
  if (!values.reseed && (await isSeeded(shape))) log(`reusing the seeded bench database in ${dataDir}`);
  else {
    log(`seeding ${shape.mb} MB of training text and ${shape.items} test items...`);
    const s = await seed(shape, log);
    log(`seeded ${mb(s.comparedBytes).toFixed(0)} MB of compared text, ${s.trajectories.toLocaleString("en-US")} trajectories, ${s.turns.toLocaleString("en-US")} turns in ${s.seconds.toFixed(0)} s`);
  }
  const size = await pool().query<{ db: string; turns: string; trajectories: string }>(
    `select pg_size_pretty(pg_database_size(current_database())) as db, (select count(*) from turns)::text as turns, (select count(*) from trajectories)::text as trajectories`,
  );
  const s = size.rows[0]!;
  log(`database: ${s.db}, ${Number(s.trajectories).toLocaleString("en-US")} trajectories, ${Number(s.turns).toLocaleString("en-US")} turns; host: ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}`);
  log("");

  // A first check labels every trajectory at its end (a row each in trajectory_contamination); a re-check of reused
  // data rewrites only the labels that change. Said, so two runs are compared like with like.
  const labelled = await pool().query<{ n: number }>(`select count(*)::int as n from trajectory_contamination`);
  const firstCheck = labelled.rows[0]!.n === 0;
  // The statistics autovacuum leaves on an emptied labels table (analysed, no rows), the worst a first check can be
  // planned with: a label statement that reads the table it fills shows up here (finish.ts).
  if (firstCheck) await pool().query(`analyze trajectory_contamination`);
  log(`check via the job path (child process, ${SCAN_THREADS ? `${SCAN_THREADS} scan threads` : "scanning on its own thread"}), all ${shape.mb} MB (${firstCheck ? "a first check: it labels every trajectory" : "a re-check: labels are rewritten only where they change"}):`);
  const checkMeter = startCpuMeter();
  const full = await jobRun([], undefined, checkMeter);
  const checkCpu = checkMeter.stop();
  printJob(full);
  log(`  ${describeCpu(checkCpu)} (worker = the check's process with its scan threads)`);
  const split = WORKERS > 1 ? await workersRun(WORKERS) : null;
  if (split) {
    log(`the same check split across ${WORKERS} worker processes (ranges claimed with SKIP LOCKED):`);
    printJob(split);
  }

  const subset = values.reference === "subset";
  const compared = subset ? await jobRun([SUBSET_DATASET]) : full;
  if (subset) {
    log(`check via the job path on ${SUBSET_DATASET} only, for the reference:`);
    printJob(compared);
  }
  const referenceMeter = startCpuMeter();
  const ref = await reference(compared.runId);
  const referenceCpu = referenceMeter.stop();
  log(`reference (Sets of n-gram strings, this process) on ${subset ? `${SUBSET_DATASET} only (~10 %; --reference full runs it on everything)` : "the same data"}:`);
  log(`  ${mb(ref.bytes).toFixed(0)} MB in ${ref.seconds.toFixed(1)} s = ${(mb(ref.bytes) / ref.seconds).toFixed(1)} MB/s, peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  log(`  ${describeCpu(referenceCpu)} (bench = the reference)`);
  const jobRates = await pool().query<{ position: number; contaminated: number; label: string }>(
    `select position, contaminated, label from contamination_item_results where run_id = $1 order by position`,
    [compared.runId],
  );
  const mismatches = jobRates.rows.filter((r) => ref.contaminated[r.position] !== r.contaminated);
  const same = jobRates.rows.length === shape.items && mismatches.length === 0;
  const labels = jobRates.rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.label]: (acc[r.label] ?? 0) + 1 }), {});
  const speedup = mb(compared.bytes) / compared.seconds / (mb(ref.bytes) / ref.seconds);
  log("");
  log(`same contaminated tokens (so the same rates) for all ${shape.items} items: ${same}${same ? "" : ` (${mismatches.length} differ, e.g. item ${mismatches[0]?.position})`}; labels ${JSON.stringify(labels)}; template n-grams ${ref.templates}`);
  const rate = mb(full.bytes) / full.seconds;
  const fullSpeedup = rate / (mb(ref.bytes) / ref.seconds);
  log(
    subset
      ? `speed-up over the reference: ${speedup.toFixed(1)}x on the same ${SUBSET_DATASET} text (fixed costs weigh more on ~10 %), ${fullSpeedup.toFixed(1)}x for the full run's rate (aim >= 10x)`
      : `speed-up over the reference: ${speedup.toFixed(1)}x (aim >= 10x)`,
  );
  log(`throughput: ${rate.toFixed(1)} MB/s (aim >= 50), total ${full.seconds.toFixed(1)} s, peak RSS ${(full.maxRssKb / 1024).toFixed(0)} MB (aim < 1024)`);
  if (split) {
    const splitRate = mb(split.bytes) / split.seconds;
    log(`with ${WORKERS} worker processes: ${splitRate.toFixed(1)} MB/s, ${(splitRate / (mb(ref.bytes) / ref.seconds)).toFixed(1)}x the reference, total ${split.seconds.toFixed(1)} s, largest worker RSS ${(split.maxRssKb / 1024).toFixed(0)} MB`);
  }
  log(`host load average after: ${os.loadavg()[0]!.toFixed(2)} (other work on the host skews the figures)`);
  failed = !same;
  printJson(values.json, {
    bench: "contamination",
    scale: SCALE,
    mb: Math.round(mb(full.bytes)),
    items: shape.items,
    mbPerS: Math.round(rate * 10) / 10,
    referenceMbPerS: Math.round((mb(ref.bytes) / ref.seconds) * 10) / 10,
    planSeconds: Math.round(full.planSeconds * 100) / 100,
    finishSeconds: Math.round(full.finishSeconds * 100) / 100,
    firstCheck,
    peakRssMb: Math.round(full.maxRssKb / 1024),
    scanThreads: SCAN_THREADS,
    sameResults: same,
    goal: "≥ 10x the reference with one worker",
    baseline: `plain reference (Sets of n-gram strings) ${(mb(ref.bytes) / ref.seconds).toFixed(1)} MB/s`,
    ratio: Math.round(fullSpeedup * 10) / 10,
    pass: same && fullSpeedup >= 10,
    host: { ...hostFigures(), loadBefore, cpu: checkCpu, referenceCpu },
  });
} finally {
  await shutdown();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
}
if (failed) process.exit(1);

type TJob = { runId: number; state: string; bytes: number; trajectories: number; planSeconds: number; finishSeconds: number; seconds: number; maxRssKb: number };

function printJob(j: TJob) {
  log(`  ${mb(j.bytes).toFixed(0)} MB of compared text, ${j.trajectories.toLocaleString("en-US")} trajectories, run ${j.runId} ${j.state}`);
  const scan = j.seconds - j.planSeconds - j.finishSeconds;
  log(
    `  ${j.seconds.toFixed(1)} s in total (planning ${j.planSeconds.toFixed(1)} s, ranges ${scan.toFixed(1)} s = ${(mb(j.bytes) / scan).toFixed(1)} MB/s, scoring and labelling ${j.finishSeconds.toFixed(1)} s) = ${(mb(j.bytes) / j.seconds).toFixed(1)} MB/s; peak RSS ${(j.maxRssKb / 1024).toFixed(0)} MB`,
  );
}

/** One run created here, worked by `count` child processes at once: wall time from creation to the last one's end, the largest RSS. */
async function workersRun(count: number): Promise<TJob> {
  const started = performance.now();
  const run = await createRun(systemActor("bench"), TEST_SET);
  const jobs = await Promise.all(Array.from({ length: count }, () => jobRun([], run.id)));
  const seconds = (performance.now() - started) / 1000;
  const done = await pool().query<{ bytes_scanned: string; done_trajectories: number; state: string }>(
    "select bytes_scanned::text, done_trajectories, state from contamination_runs where id = $1",
    [run.id],
  );
  const row = done.rows[0]!;
  const finishSeconds = Math.max(...jobs.map((j) => j.finishSeconds));
  return { runId: run.id, state: row.state, bytes: Number(row.bytes_scanned), trajectories: row.done_trajectories, planSeconds: 0, finishSeconds, seconds, maxRssKb: Math.max(...jobs.map((j) => j.maxRssKb)) };
}

/** meter: accounts the child's CPU time as "worker". */
function jobRun(datasets: string[], joinRunId?: number, meter?: TCpuMeter): Promise<TJob> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, ...cpuProfileArgs("BENCH_CONTAMINATION_PROF"), "--import", "tsx", "scripts/bench-contamination-run.ts", TEST_SET, ...datasets], {
      env: { ...process.env, ...(joinRunId ? { BENCH_RUN_ID: String(joinRunId) } : {}) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (child.pid) meter?.track("worker", child.pid);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output.trim().split("\n").at(-1)!) as TJob) : reject(new Error(`bench run exited ${code}`))));
  });
}

/** The rule written plainly: n-gram strings in Sets, no hashing, no typed arrays; same turns from the same query. */
async function reference(runId: number) {
  const started = performance.now();
  const run = await pool().query<{ params: TCheckParams; test_set_id: number }>(`select params, test_set_id from contamination_runs where id = $1`, [runId]);
  const params = checkParams(run.rows[0]!.params);
  const scope: TTrainingScope = await scopeOf(params);
  const n = params.n;
  const rows = await pool().query<{ text: string }>(`select text from test_set_items where test_set_id = $1 order by position`, [run.rows[0]!.test_set_id]);
  const itemTokens = rows.rows.map((r) => normalizedTokens(r.text));
  const itemsPer = new Map<string, Set<number>>();
  itemTokens.forEach((toks, i) => {
    for (let s = 0; s + n <= toks.length; s++) {
      const g = toks.slice(s, s + n).join(" ");
      let set = itemsPer.get(g);
      if (!set) itemsPer.set(g, (set = new Set()));
      set.add(i);
    }
  });
  const share = params.templateShare;
  const template = new Set(share === null ? [] : [...itemsPer].filter(([, set]) => set.size > share * itemTokens.length && set.size >= 2).map(([g]) => g));
  const matched = new Set<string>();
  // The run's own ranges, read the same way: the same turns.
  const ranges = await pool().query<{ from_id: string; to_id: string }>(`select from_id, to_id from contamination_run_ranges where run_id = $1 order by id`, [runId]);
  let bytes = 0;
  for (const range of ranges.rows) {
    const [from, to] = [Number(range.from_id), Number(range.to_id)];
    for await (const batch of trainingTurns(pool(), from, to, await rangeRead(pool(), from, to, scope))) {
      for (const text of batch.flatMap((turn) => turn.texts)) {
        const toks = normalizedTokens(text);
        for (let s = 0; s + n <= toks.length; s++) {
          const g = toks.slice(s, s + n).join(" ");
          if (itemsPer.has(g)) matched.add(g);
        }
        bytes += Buffer.byteLength(text);
      }
    }
  }
  const contaminated = itemTokens.map((toks) => {
    const covered = new Uint8Array(toks.length);
    for (let s = 0; s + n <= toks.length; s++) {
      const g = toks.slice(s, s + n).join(" ");
      if (matched.has(g) && !template.has(g)) covered.fill(1, s, s + n);
    }
    return covered.reduce((a, b) => a + b, 0);
  });
  return { seconds: (performance.now() - started) / 1000, bytes, contaminated, templates: template.size };
}
