/**
 * Import benchmark: writes a generated JSONL of mixed-task trajectories
 * (~10 KB each, so 100,000 ≈ 1 GB), imports it into a fresh embedded
 * PostgreSQL in a child process, and prints trajectories/s, MB/s and the
 * importer's peak RSS. The baseline, in the same run on the same server: a
 * plain COPY of the same file into a one-column table (goal: the import at
 * ≥ 0.5x that and ≥ 20 MB/s).
 *
 *   npm run bench:import [-- --scale small|full --trajectories 100000 --json --keep]
 *
 * --scale small: 2,000 trajectories (~20 MB); full: 100,000 (~1 GB).
 */
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { writeBenchJsonl } from "../demo";
import { COMMON_OPTIONS, hostFigures, parseScale, printJson } from "./bench-support";

const { values } = parseArgs({ options: { ...COMMON_OPTIONS, trajectories: { type: "string" } } });
const SCALE = parseScale(values.scale);
const count = Number(values.trajectories ?? (SCALE === "full" ? 100_000 : 2_000));
const loadBefore = hostFigures().load;
const outDir = path.resolve("bench-out");
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `bench-${count}.jsonl`);

if (!existsSync(file)) {
  console.log(`writing ${count} trajectories to ${file}...`);
  await writeBenchJsonl(file, { trajectories: count, seed: 7 });
}
const bytes = statSync(file).size;

const dataDir = path.resolve(".data/bench");
rmSync(dataDir, { recursive: true, force: true });
const server = await ensureEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 54332) });
try {
  await applyMigrations(server.url);
  console.log(`importing ${(bytes / 1e6).toFixed(0)} MB...`);
  const result = await runChild(file, server.url);
  const seconds = result.durationMs / 1000;
  const mbPerS = bytes / 1e6 / seconds;
  const copyMbPerS = bytes / 1e6 / (await plainCopySeconds(file, server.url));
  const ratio = mbPerS / copyMbPerS;
  const peakRssMb = result.maxRssKb / 1024;
  console.log(
    [
      `trajectories imported: ${result.imported} (${result.turns} turns) in ${seconds.toFixed(1)} s`,
      `throughput: ${(result.imported / seconds).toFixed(0)} trajectories/s, ${mbPerS.toFixed(1)} MB/s`,
      `baseline: plain COPY of the same file into a one-column table: ${copyMbPerS.toFixed(1)} MB/s; import = ${ratio.toFixed(2)}x (goal ≥ 0.5x and ≥ 20 MB/s)`,
      `importer peak RSS: ${peakRssMb.toFixed(0)} MB (goal ≤ 500 MB)`,
    ].join("\n"),
  );
  const round = (value: number) => Math.round(value * 100) / 100;
  printJson(values.json, {
    bench: "import",
    scale: SCALE,
    trajectories: result.imported,
    mb: Math.round(bytes / 1e6),
    mbPerS: round(mbPerS),
    copyMbPerS: round(copyMbPerS),
    ratio: round(ratio),
    peakRssMb: Math.round(peakRssMb),
    goal: "≥ 0.5x a plain COPY, ≥ 20 MB/s, peak RSS ≤ 500 MB",
    baseline: `plain COPY into a one-column table ${copyMbPerS.toFixed(1)} MB/s`,
    pass: ratio >= 0.5 && mbPerS >= 20 && peakRssMb <= 500,
    host: { ...hostFigures(), loadBefore },
  });
} finally {
  await server.stop();
  if (!values.keep) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(file, { force: true });
  }
}

/** The physical floor: the file's lines COPYed as they are (CSV with quote and delimiter bytes JSON never holds). */
async function plainCopySeconds(filePath: string, url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("create table bench_copy_baseline (line text)");
    const started = performance.now();
    await pipeline(createReadStream(filePath), client.query(copyFrom("copy bench_copy_baseline from stdin with (format csv, delimiter e'\\x01', quote e'\\x02')")));
    const seconds = (performance.now() - started) / 1000;
    await client.query("drop table bench_copy_baseline");
    return seconds;
  } finally {
    await client.end();
  }
}

function runChild(filePath: string, url: string): Promise<{ imported: number; turns: number; durationMs: number; maxRssKb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench-import-child.ts", filePath], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output.trim().split("\n").at(-1)!)) : reject(new Error(`import child exited ${code}`))));
  });
}
