import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { E2E_ENV } from "../../playwright.config";

/**
 * The e2e server's own database, for tests that check what a request wrote.
 * (Built from the embedded server's password file rather than through
 * lib/db/embedded, whose package hooks process exit.)
 */
export async function e2eDatabase(): Promise<pg.Client> {
  const password = readFileSync(path.join(E2E_ENV.TS_DATA_DIR, "pg-password"), "utf8").trim();
  const client = new pg.Client({ connectionString: `postgresql://postgres:${password}@127.0.0.1:${E2E_ENV.EMBEDDED_PG_PORT}/trajectory_studio` });
  await client.connect();
  return client;
}

// Columns a mere authenticated request refreshes (session sliding expiry, token last use): not a write by the action.
const VOLATILE = ["last_seen_at", "expires_at", "last_used_at"];

/** One fingerprint of every table's rows: equal before and after means nothing was written. */
export async function databaseFingerprint(client: pg.Client): Promise<Record<string, string>> {
  const tables = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> '_prisma_migrations' order by 1",
  );
  const strip = VOLATILE.map((column) => ` - '${column}'`).join("");
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = await client.query<{ rows: string; digest: string }>(
      `select count(*)::text as rows, md5(coalesce(string_agg(r, '|' order by r), '')) as digest
         from (select (to_jsonb(t)${strip})::text as r from "${name}" t) stripped`,
    );
    fingerprint[name] = `${row.rows[0]!.rows} rows, ${row.rows[0]!.digest}`;
  }
  return fingerprint;
}
