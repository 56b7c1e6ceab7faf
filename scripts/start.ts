/**
 * `npm start`: the one command that brings Trajectory Studio up. Resolves the
 * database (DATABASE_URL, or the embedded PostgreSQL under .data/), applies
 * migrations, loads the demo data on an empty database, builds the app if the
 * build is missing or older than the sources, and serves it. Ctrl-C stops the
 * app and the database server it started.
 *
 *   npm start [-- --port 3000] [--no-demo] [--dev]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { closeDb } from "../lib/db/client";
import { prepareDatabase } from "../lib/db/prepare";
import { demoEnabled, seedDemoIfEmpty } from "../lib/demo/seed";
import { markInterruptedBulkActions } from "../lib/review/bulk";
import { markInterruptedExports } from "../lib/export/run";
import { buildIsStale } from "./build-freshness";
import { assertSupportedNode } from "./node-runtime";

assertSupportedNode();

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    dev: { type: "boolean", default: false },
    "no-demo": { type: "boolean", default: false },
  },
});
const log = (line: string) => console.log(`[studio] ${line}`);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const database = await prepareDatabase(log);
log(database.embedded ? "database: embedded PostgreSQL (data in .data/)" : "database: DATABASE_URL");
if (!values["no-demo"] && demoEnabled()) {
  if (await seedDemoIfEmpty(log)) log("demo data loaded (remove it with `npm run cli -- demo remove`)");
}
const interrupted = await markInterruptedBulkActions();
if (interrupted) log(`${interrupted} bulk review action(s) were cut off by the last stop: marked failed, start them again`);
const exportsCut = await markInterruptedExports();
if (exportsCut) log(`${exportsCut} export(s) were cut off by the last stop: marked failed, run them again`);
await closeDb();

if (!values.dev && buildIsStale()) {
  log("building the app (first start, or sources changed)...");
  const code = await waitFor(spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env }));
  if (code !== 0) await shutdown(code ?? 1);
}

const server = spawn(process.execPath, [nextBin, values.dev ? "dev" : "start", "-p", values.port], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...env, DATABASE_URL: database.url },
});
server.stdout?.on("data", (chunk: Buffer) => {
  const text = chunk.toString();
  process.stdout.write(text);
  if (/ready|started server/i.test(text)) log(`Trajectory Studio is running at http://localhost:${values.port}`);
});
server.on("exit", (code) => void shutdown(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.kill("SIGTERM");
    void shutdown(0);
  });
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await database.stop();
  process.exit(code);
}

function waitFor(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", resolve));
}
