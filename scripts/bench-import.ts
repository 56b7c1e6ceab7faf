/**
 * Import benchmark: writes a generated JSONL of mixed-task trajectories
 * (~10 KB each, so 100,000 ≈ 1 GB), imports it into a fresh embedded
 * PostgreSQL in a child process, and prints trajectories/s, MB/s and the
 * importer's peak RSS.
 *
 *   npm run bench:import [-- --trajectories 100000]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { writeBenchJsonl } from "../demo";

const { values } = parseArgs({ options: { trajectories: { type: "string", default: "100000" } } });
const count = Number(values.trajectories);
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
  console.log(
    [
      `trajectories imported: ${result.imported} (${result.turns} turns) in ${seconds.toFixed(1)} s`,
      `throughput: ${(result.imported / seconds).toFixed(0)} trajectories/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`,
      `importer peak RSS: ${(result.maxRssKb / 1024).toFixed(0)} MB`,
    ].join("\n"),
  );
} finally {
  await server.stop();
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
