// Database access and secrets stay on the server: a client component importing this fails the build.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

type TDb = { pool: pg.Pool; prisma: PrismaClient };

const TIMESTAMP_OID = 1114;
/**
 * Prisma stores DateTime as `timestamp(3)` (no zone) in UTC; node-postgres would read such a value as the
 * process's local time, so raw reads on a server outside UTC were hours off. Prisma's own queries parse
 * with their own types and are unaffected.
 */
const UTC_TIMESTAMPS: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP_OID) return utcTimestamp;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

// And the other way: a Date passed as a query parameter is sent as UTC (node-postgres would send local
// time, and a `timestamp` column drops the offset). Global to node-postgres, and right for every
// client in the process: Prisma's DateTime and pg-boss's timestamptz are UTC as well.
pg.defaults.parseInputDatesAsUTC = true;

const PLAIN_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/;

/** `2026-03-04 05:06:07.123` as that instant in UTC; anything else (infinity, BC, year 10000+) as node-postgres reads it. */
function utcTimestamp(value: string): Date {
  if (!PLAIN_TIMESTAMP.test(value)) return pg.types.getTypeParser(TIMESTAMP_OID, "text")(value) as Date;
  return new Date(`${value.replace(" ", "T")}Z`);
}

// One pool per process, cached on globalThis so Next's dev reloads reuse it.
const cache = globalThis as unknown as { trajectoryStudioDb?: TDb };

function connectionString(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start` (embedded PostgreSQL) or set it to your server");
  return url;
}

// Sessions in UTC: `now()` defaults and comparisons then agree with the UTC times Prisma writes, whatever
// zone the server is configured with. A SET rather than the `options` startup parameter, which options in
// DATABASE_URL would replace (and some poolers refuse).
async function startSession(client: pg.ClientBase): Promise<void> {
  await client.query("set time zone 'UTC'");
}

function connect(): TDb {
  const pool = new pg.Pool({
    connectionString: connectionString(),
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    types: UTC_TIMESTAMPS,
    // The pool awaits it before handing the connection out: a query queued behind it is deprecated (pg 9
    // removes the queue). If it fails, that checkout fails.
    onConnect: startSession,
  });
  // An idle connection dropped by the server (restart, terminated backend) is an 'error' on the pool:
  // without a listener it would crash the process. The pool opens a new connection on next use.
  pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

function db(): TDb {
  cache.trajectoryStudioDb ??= connect();
  return cache.trajectoryStudioDb;
}

/** The Prisma client for ordinary queries. */
export function prisma(): PrismaClient {
  return db().prisma;
}

/** The raw pg pool, for COPY and aggregate SQL that Prisma cannot express. */
export function pool(): pg.Pool {
  return db().pool;
}

/**
 * A connection of its own, beside the pool, for work that runs alongside a pooled connection the caller holds
 * (the caller ends it). A second pooled connection could wait forever: once every pooled connection is held by
 * a caller waiting for its second, none comes free.
 */
export async function connectOutsidePool(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: connectionString(), types: UTC_TIMESTAMPS });
  // As on the pool: a connection the server drops between queries must not crash the process (a query fails instead).
  client.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  await client.connect();
  try {
    await startSession(client);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return client;
}

export async function closeDb(): Promise<void> {
  const current = cache.trajectoryStudioDb;
  if (!current) return;
  cache.trajectoryStudioDb = undefined;
  await current.prisma.$disconnect();
  await current.pool.end().catch(() => {});
}
