/**
 * Import benchmark: writes a generated JSONL corpus, imports it into a fresh
 * embedded PostgreSQL in a child process, and prints trajectories/s, MB/s and
 * the importer's peak RSS. Two corpora of ~10 KB rows (100,000 ≈ 1 GB):
 * `react` (AgentGym-style mixed ReAct tasks) and `tools` (OpenAI tool-calling
 * coding-agent runs with tools, calls and results); `both` imports one after
 * the other, each into a fresh database, and compares the tools figures with
 * the ReAct ones (the target: within 20 %).
 *
 *   npm run bench:import [-- --trajectories 100000] [--corpus react|tools|both]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { writeBenchJsonl, writeToolBenchJsonl } from "../demo";

const CORPORA = { react: writeBenchJsonl, tools: writeToolBenchJsonl } as const;
type TCorpus = keyof typeof CORPORA;
type TFigures = { imported: number; turns: number; errors: number; firstError: string | null; durationMs: number; maxRssKb: number; bytes: number };

const { values } = parseArgs({ options: { trajectories: { type: "string", default: "100000" }, corpus: { type: "string", default: "react" } } });
const count = Number(values.trajectories);
if (!["react", "tools", "both"].includes(values.corpus)) throw new Error(`--corpus must be react, tools or both, not "${values.corpus}"`);
const corpora: TCorpus[] = values.corpus === "both" ? ["react", "tools"] : [values.corpus as TCorpus];
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
  console.log(
    `tools vs react: MB/s ${change(mbPerSecond(react), mbPerSecond(tools))}, peak RSS ${change(react.maxRssKb, tools.maxRssKb)} (target: within 20 %)`,
  );
}

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
    const result = { ...(await runChild(file, server.url)), bytes };
    const seconds = result.durationMs / 1000;
    console.log(
      [
        `[${corpus}] trajectories imported: ${result.imported} (${result.turns} turns, ${result.errors} records refused) in ${seconds.toFixed(1)} s`,
        `[${corpus}] throughput: ${(result.imported / seconds).toFixed(0)} trajectories/s, ${mbPerSecond(result).toFixed(1)} MB/s`,
        `[${corpus}] importer peak RSS: ${(result.maxRssKb / 1024).toFixed(0)} MB`,
        ...(result.firstError ? [`[${corpus}] first refused record: ${result.firstError}`] : []),
      ].join("\n"),
    );
    return result;
  } finally {
    await server.stop();
  }
}

function mbPerSecond(result: TFigures): number {
  return result.bytes / 1e6 / (result.durationMs / 1000);
}

function runChild(filePath: string, url: string): Promise<Omit<TFigures, "bytes">> {
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
