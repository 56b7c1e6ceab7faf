import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pool, prisma } from "./client";

/** The Prisma client inside one transaction: plain reads and writes, and `$queryRaw` for locks and SQL. */
export type TTx = Prisma.TransactionClient;

/**
 * Runs `work` in one Prisma interactive transaction: committed if it returns, rolled back if it throws.
 * The default for mutations; their audit event goes through the same `tx` (lib/audit/events.ts).
 * Prisma's 5 s limit would cut off a long delete or a queue of row locks, so the limits are wide.
 */
export async function inTransaction<T>(work: (tx: TTx) => Promise<T>): Promise<T> {
  return prisma().$transaction(work, { maxWait: 30_000, timeout: 10 * 60_000 });
}

/**
 * Runs `work` in one transaction on one pg connection: for work Prisma cannot do on its connection
 * (COPY streams, server-side cursors). Committed if it returns, rolled back if it throws.
 */
export async function withTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  // The pool listens for errors on idle connections only: a connection lost while checked out (a PostgreSQL
  // restart mid-transaction) would be an unhandled 'error' that kills the process. Its query fails instead,
  // and the broken connection is dropped on release rather than reused.
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
    console.error(`database connection lost mid-transaction: ${error.message}`);
  };
  client.on("error", onError);
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.removeListener("error", onError);
    client.release(lost);
  }
}
