/**
 * The app's HTTP server, started by scripts/start.ts (`npm start`): Next's
 * request handler behind a plain Node server. Unlike `next start`, it sees
 * each socket, so it can decide which X-Forwarded-* headers to believe
 * (TS_TRUST_PROXY, lib/http/forwarded.ts) and rewrite them before Next and the
 * app read them.
 *
 * TS_WEB_PROCESSES=N (default 1) serves from N processes sharing the port
 * (node:cluster), so request handling can use more than one core. The app
 * keeps no per-process state that matters: sessions, rate limits and queue
 * claims live in PostgreSQL.
 *
 *   tsx scripts/serve.ts --host 127.0.0.1 --port 3000 [--dev]
 */
import cluster from "node:cluster";
import { createServer } from "node:http";
import type { TLSSocket } from "node:tls";
import { parseArgs } from "node:util";
import next from "next";
import { normalizeForwardedHeaders, parseTrustProxy } from "../lib/http/forwarded";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "3000" },
    dev: { type: "boolean", default: false },
  },
});
const port = Number(values.port);
const trust = parseTrustProxy(process.env.TS_TRUST_PROXY);
const processes = webProcesses(process.env.TS_WEB_PROCESSES, values.dev);

if (cluster.isPrimary && processes > 1) await superviseWebProcesses(processes);
else await serve();

async function serve() {
  const app = next({ dev: values.dev, hostname: values.host, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request, response) => {
    normalizeForwardedHeaders(
      { remoteAddress: request.socket.remoteAddress, encrypted: Boolean((request.socket as TLSSocket).encrypted), headers: request.headers },
      trust,
    );
    void handle(request, response);
  });
  if (values.dev) {
    const upgrade = app.getUpgradeHandler();
    server.on("upgrade", (request, socket, head) => void upgrade(request, socket, head));
  }
  server.listen(port, values.host, () => console.log(`ready: listening on ${values.host}:${port}`));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}

/** 1 unless TS_WEB_PROCESSES asks for more; the dev server is always one process. */
function webProcesses(value: string | undefined, dev: boolean): number {
  if (!value || dev) return 1;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`TS_WEB_PROCESSES must be a whole number from 1 to 64, not "${value}"`);
  return count;
}

/** Forks the web processes, replaces one that dies, and stops them all on SIGINT/SIGTERM. */
async function superviseWebProcesses(count: number) {
  let stopping = false;
  for (let i = 0; i < count; i += 1) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`web process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      cluster.on("exit", () => {
        if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      });
    });
  }
}
