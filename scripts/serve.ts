/**
 * The app's HTTP server, started by scripts/start.ts (`npm start`): Next's
 * request handler behind a plain Node server. Unlike `next start`, it sees
 * each socket, so it can decide which X-Forwarded-* headers to believe
 * (TS_TRUST_PROXY, lib/http/forwarded.ts) and rewrite them before Next and the
 * app read them.
 *
 *   tsx scripts/serve.ts --host 127.0.0.1 --port 3000 [--dev]
 */
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
