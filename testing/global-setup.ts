import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureEmbeddedPostgres, type TEmbeddedServer } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

export const TEMPLATE_DATABASE = "studio_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

let server: TEmbeddedServer | undefined;

/**
 * One real PostgreSQL for the unit/integration run: the embedded server on its
 * own port and data folder (never a developer's data), or TEST_DATABASE_URL.
 * Migrations are applied once to a template database; each test file clones it.
 */
export async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    server = await ensureEmbeddedPostgres({
      dataDir: path.resolve(".data/test"),
      port: Number(process.env.TEST_PG_PORT ?? 54330),
    });
    adminUrl = server.url;
  }
  const admin = new pg.Client({ connectionString: withDatabase(adminUrl, "postgres") });
  await admin.connect();
  const leftovers = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'studio_test_%'",
  );
  for (const row of leftovers.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  await applyMigrations(withDatabase(adminUrl, TEMPLATE_DATABASE));
  project.provide("testDatabaseUrl", withDatabase(adminUrl, "postgres"));
}

export async function teardown() {
  await server?.stop();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
