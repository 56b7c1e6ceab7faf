/**
 * `npm start`: the one command that brings Trajectory Studio up. Resolves the
 * database (DATABASE_URL, or the embedded PostgreSQL under .data/), applies
 * migrations, queues the demo data on an empty database (a job the worker runs), builds the app if the
 * build is missing or older than the sources, and serves it (scripts/serve.ts)
 * on 127.0.0.1 unless HOST or --host says otherwise. While no account exists it
 * prints the one-time setup code that /setup asks for. Ctrl-C stops the app and
 * the database server it started.
 * Beside the web server it starts one worker (scripts/worker.ts) that runs the
 * long tasks, and starts a new one if it dies (scripts/worker-supervisor.ts;
 * its pid is in <data dir>/worker.pid); Ctrl-C stops both, the worker handing
 * running jobs back first.
 *
 *   npm start [-- --port 3000] [--host 0.0.0.0] [--no-demo] [--dev]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { issueSetupCode } from "../lib/auth/setup-code";
import { userCount } from "../lib/auth/users";
import { closeDb } from "../lib/db/client";
import { prepareDatabase } from "../lib/db/prepare";
import { embeddedSettings } from "../lib/db/settings";
import { demoEnabled, queueDemoIfEmpty } from "../demo/seed";
import { stopJobEngine } from "../lib/jobs/engine";
import { parseTrustProxy } from "../lib/http/forwarded";
import { buildIsStale } from "./build-freshness";
import { WORKER_NODE_FLAGS, assertSupportedNode } from "./node-runtime";
import { onStopSignal } from "./stop-signals";
import { superviseWorker, type TSupervisor } from "./worker-supervisor";

assertSupportedNode();

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    // Loopback only unless asked: a fresh server must not be reachable by the whole network.
    host: { type: "string", default: process.env.HOST || "127.0.0.1" },
    dev: { type: "boolean", default: false },
    "no-demo": { type: "boolean", default: false },
  },
});
const log = (line: string) => console.log(`[studio] ${line}`);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...publicUrlEnv() };

/** The web server and the worker's supervisor, once started (a failed build stops before them). */
let server: ChildProcess | null = null;
let worker: TSupervisor | null = null;
const database = await prepareDatabase(log);
log(database.embedded ? "database: embedded PostgreSQL (data in .data/)" : "database: DATABASE_URL");
if (!values["no-demo"] && demoEnabled()) {
  // A job like every long task: the worker started below loads it while the app comes up.
  if (await queueDemoIfEmpty()) log("demo data queued: the worker loads it in a minute (remove it with `npm run cli -- demo remove`)");
}
if ((await userCount()) === 0) {
  const code = await issueSetupCode(process.env.TS_SETUP_CODE);
  log("no account exists yet: open /setup and create the first admin with this one-time setup code:");
  log(`    setup code: ${code}`);
}
await stopJobEngine();
await closeDb();

if (!values.dev && buildIsStale()) {
  log("building the app (first start, or sources changed)...");
  const code = await waitFor(spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env }));
  if (code !== 0) await shutdown(code ?? 1);
}

const serveArgs = ["--import", "tsx", "scripts/serve.ts", "--host", values.host, "--port", values.port, ...(values.dev ? ["--dev"] : [])];
server = spawn(process.execPath, serveArgs, {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...env, DATABASE_URL: database.url },
});
server.stdout?.on("data", (chunk: Buffer) => {
  const text = chunk.toString();
  process.stdout.write(text);
  if (/^ready: listening/m.test(text)) log(`Trajectory Studio is running at ${env.TS_PUBLIC_URL ?? `http://${values.host}:${values.port}`}`);
});
server.on("exit", (code) => void shutdown(code ?? 0));
mkdirSync(embeddedSettings().dataDir, { recursive: true });
// One worker runs the long tasks (exports, ...): the web server only enqueues and reads. A worker that dies is replaced.
worker = superviseWorker({
  start: () => spawn(process.execPath, [...WORKER_NODE_FLAGS, "--import", "tsx", "scripts/worker.ts"], { stdio: ["ignore", "inherit", "inherit"], env: { ...env, DATABASE_URL: database.url } }),
  log,
  pidFile: path.join(embeddedSettings().dataDir, "worker.pid"),
  restartDelayMs: Number(process.env.WORKER_RESTART_DELAY_MS ?? 2000),
});
onStopSignal(() => void shutdown(0));

let stopping = false;
/** Stops the web server and the worker (which hands running jobs back at a safe point), then the database. */
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all([server ? stopChild(server) : null, worker?.stop((child) => stopChild(child))]);
  await database.stop();
  process.exit(code);
}

/** SIGTERM, then SIGKILL if it has not exited within the grace period. */
async function stopChild(child: ChildProcess, graceMs = 45_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = waitFor(child);
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Invitation links need the app's public address. TS_PUBLIC_URL wins; a
 * loopback-only server without a proxy is at http://localhost:PORT; otherwise
 * links follow the host each request reached, which is worth a warning.
 */
function publicUrlEnv(): { TS_PUBLIC_URL?: string } {
  parseTrustProxy(process.env.TS_TRUST_PROXY); // refuses a malformed list before anything starts
  const configured = process.env.TS_PUBLIC_URL?.trim();
  if (configured) {
    if (!URL.canParse(configured) || !/^https?:$/.test(new URL(configured).protocol)) {
      throw new Error(`TS_PUBLIC_URL: "${configured}" is not an http(s) URL such as https://studio.example.org`);
    }
    return { TS_PUBLIC_URL: configured };
  }
  const loopback = ["127.0.0.1", "localhost", "::1"].includes(values.host);
  if (loopback && !process.env.TS_TRUST_PROXY?.trim()) return { TS_PUBLIC_URL: `http://localhost:${values.port}` };
  log("TS_PUBLIC_URL is not set: invitation links use the host each request reached; set it to the address your team uses");
  return {};
}

function waitFor(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", resolve));
}
