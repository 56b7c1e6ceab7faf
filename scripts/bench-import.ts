/**
 * Import benchmark: writes a generated JSONL corpus, imports it into a fresh
 * embedded PostgreSQL in a child process, and prints trajectories/s, MB/s and
 * the importer's peak RSS. The baseline, in the same run on the same server: a
 * plain COPY of the same file into a one-column table (goal: the import at
 * ≥ 0.5x that and ≥ 20 MB/s, peak RSS ≤ 500 MB).
 *
 * Two corpora of ~10 KB rows (100,000 ≈ 1 GB): `react` (AgentGym-style mixed
 * ReAct tasks) and `tools` (OpenAI tool-calling coding-agent runs with tools,
 * calls and results); `both` imports one after the other, each into a fresh
 * database, and compares the tools figures with the ReAct ones (target: within 20 %).
 *
 *   npm run bench:import [-- --scale small|full --trajectories N --corpus react|tools|both --json --keep]
 *
 * --scale small: 2,000 trajectories (~20 MB); full: 100,000 (~1 GB).
 * BENCH_IMPORT_PROF=<dir> writes a V8 CPU profile of the importer.
 */
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { ensureEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { writeBenchJsonl, writeToolBenchJsonl } from "../demo";
import { COMMON_OPTIONS, cpuProfileArgs, hostFigures, parseScale, printJson } from "./bench-support";
import { describeCpu, startCpuMeter, type TCpuMeter, type TCpuSplit } from "./bench-cpu";
import { storeOnlySeconds, type TStoreOnly } from "./bench-import-floor";
import { WORKER_NODE_FLAGS } from "./node-runtime";

const CORPORA = { react: writeBenchJsonl, tools: writeToolBenchJsonl } as const;
type TCorpus = keyof typeof CORPORA;
type TChildFigures = { imported: number; turns: number; errors: number; firstError: string | null; durationMs: number; maxRssKb: number };
type TFigures = TChildFigures & { bytes: number; copyMbPerS: number; storeOnly: TStoreOnly; cpu: TCpuSplit | null };

const { values } = parseArgs({ options: { ...COMMON_OPTIONS, trajectories: { type: "string" }, corpus: { type: "string", default: "react" } } });
const SCALE = parseScale(values.scale);
const count = Number(values.trajectories ?? (SCALE === "full" ? 100_000 : 2_000));
if (!["react", "tools", "both"].includes(values.corpus)) throw new Error(`--corpus must be react, tools or both, not "${values.corpus}"`);
const corpora: TCorpus[] = values.corpus === "both" ? ["react", "tools"] : [values.corpus as TCorpus];
const loadBefore = hostFigures().load;
const outDir = path.resolve("bench-out");
mkdirSync(outDir, { recursive: true });

const figures = new Map<TCorpus, TFigures>();
for (const corpus of corpora) figures.set(corpus, await bench(corpus));
const react = figures.get("react");
const tools = figures.get("tools");
if (react && tools && (react.errors > 0 || tools.errors > 0)) {
  // Refused records are parsed but never written: the figures would flatter the corpus that refuses more.
  console.log(`tools vs react: not compared, records were refused (react ${react.errors}, tools ${tools.errors}): first tools error: ${tools.firstError ?? "none"}`);
} else if (react && tools) {
  const change = (a: number, b: number) => `${b >= a ? "+" : ""}${((100 * (b - a)) / a).toFixed(0)} %`;
  console.log(`tools vs react: MB/s ${change(mbPerSecond(react), mbPerSecond(tools))}, peak RSS ${change(react.maxRssKb, tools.maxRssKb)} (target: within 20 %)`);
}

// The JSON result speaks for the first corpus run (react unless only tools was asked), the other beside it.
const [first, main] = [...figures.entries()][0]!;
const round = (value: number) => Math.round(value * 100) / 100;
const summary = (result: TFigures) => ({
  trajectories: result.imported,
  mb: Math.round(result.bytes / 1e6),
  mbPerS: round(mbPerSecond(result)),
  copyMbPerS: round(result.copyMbPerS),
  ratio: round(mbPerSecond(result) / result.copyMbPerS),
  peakRssMb: Math.round(result.maxRssKb / 1024),
  storeOnlySeconds: round(result.storeOnly.seconds),
  storeOnlyByTable: Object.fromEntries(Object.entries(result.storeOnly.byTable).map(([table, seconds]) => [table, round(seconds)])),
  ratioCeiling: round(ratioCeiling(result)),
});
const headline = summary(main);
printJson(values.json, {
  bench: "import",
  scale: SCALE,
  corpus: first,
  ...headline,
  ...(tools && first !== "tools" ? { tools: summary(tools) } : {}),
  goal: "≥ 0.5x a plain COPY, ≥ 20 MB/s, peak RSS ≤ 500 MB",
  baseline: `plain COPY into a one-column table ${headline.copyMbPerS.toFixed(1)} MB/s`,
  pass: headline.ratio >= 0.5 && headline.mbPerS >= 20 && headline.peakRssMb <= 500,
  host: { ...hostFigures(), loadBefore, cpu: main.cpu },
});

async function bench(corpus: TCorpus): Promise<TFigures> {
  const file = path.join(outDir, corpus === "react" ? `bench-${count}.jsonl` : `bench-tools-${count}.jsonl`);
  if (!existsSync(file)) {
    console.log(`writing ${count} ${corpus} trajectories to ${file}...`);
    await CORPORA[corpus](file, { trajectories: count, seed: 7 });
  }
  const bytes = statSync(file).size;
  const dataDir = path.resolve(".data/bench");
  rmSync(dataDir, { recursive: true, force: true });
  const server = await ensureEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 54332) });
  try {
    await applyMigrations(server.url);
    console.log(`[${corpus}] importing ${(bytes / 1e6).toFixed(0)} MB...`);
    const meter = startCpuMeter();
    const child = await runChild(file, server.url, meter);
    const cpu = meter.stop();
    const copyMbPerS = bytes / 1e6 / (await plainCopySeconds(file, server.url));
    const storeOnly = await storeOnlySeconds(server.url, outDir);
    const result: TFigures = { ...child, bytes, copyMbPerS, storeOnly, cpu };
    const seconds = result.durationMs / 1000;
    console.log(
      [
        `[${corpus}] trajectories imported: ${result.imported} (${result.turns} turns, ${result.errors} records refused) in ${seconds.toFixed(1)} s`,
        `[${corpus}] throughput: ${(result.imported / seconds).toFixed(0)} trajectories/s, ${mbPerSecond(result).toFixed(1)} MB/s`,
        `[${corpus}] baseline: plain COPY of the same file into a one-column table: ${copyMbPerS.toFixed(1)} MB/s; import = ${(mbPerSecond(result) / copyMbPerS).toFixed(2)}x (goal ≥ 0.5x and ≥ 20 MB/s)`,
        `[${corpus}] second baseline: PostgreSQL storing the same rows from ready COPY text, no importer: ${storeOnly.seconds.toFixed(1)} s (trajectories ${storeOnly.byTable.trajectories.toFixed(1)} s, turns ${storeOnly.byTable.turns.toFixed(1)} s): no import on this server passes ${ratioCeiling(result).toFixed(2)}x`,
        `[${corpus}] importer peak RSS: ${(result.maxRssKb / 1024).toFixed(0)} MB (goal ≤ 500 MB)`,
        `[${corpus}] during the import: ${describeCpu(cpu)} (importer = the import's process)`,
        ...(result.firstError ? [`[${corpus}] first refused record: ${result.firstError}`] : []),
      ].join("\n"),
    );
    return result;
  } finally {
    await server.stop();
    if (!values.keep) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(file, { force: true });
    }
  }
}

function mbPerSecond(result: TFigures): number {
  return result.bytes / 1e6 / (result.durationMs / 1000);
}

/** The best ratio any import could reach here: the file's MB over PostgreSQL's time to store its rows, against the plain COPY. */
function ratioCeiling(result: TFigures): number {
  return result.bytes / 1e6 / result.storeOnly.seconds / result.copyMbPerS;
}

/** The physical floor: the file's lines COPYed as they are (CSV with quote and delimiter bytes JSON never holds). */
async function plainCopySeconds(filePath: string, url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("create table bench_copy_baseline (line text)");
    await client.query("checkpoint"); // the import's writes are not the baseline's to pay for
    const started = performance.now();
    await pipeline(createReadStream(filePath), client.query(copyFrom("copy bench_copy_baseline from stdin with (format csv, delimiter e'\\x01', quote e'\\x02')")));
    const seconds = (performance.now() - started) / 1000;
    await client.query("drop table bench_copy_baseline");
    return seconds;
  } finally {
    await client.end();
  }
}

function runChild(filePath: string, url: string, meter: TCpuMeter): Promise<TChildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, ...cpuProfileArgs("BENCH_IMPORT_PROF"), "--import", "tsx", "scripts/bench-import-child.ts", filePath], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (child.pid) meter.track("importer", child.pid);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output.trim().split("\n").at(-1)!)) : reject(new Error(`import child exited ${code}`))));
  });
}
