import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb } from "@/lib/db/client";
import { TEMPLATE_DATABASE, withDatabase } from "./global-setup";

/**
 * Gives the calling test file its own migrated database (a clone of the
 * template) and points the app's client at it. Returns the URL getter.
 */
export function useTestDatabase(): () => string {
  let url = "";
  const name = `studio_test_${randomBytes(5).toString("hex")}`;
  beforeAll(async () => {
    const adminUrl = inject("testDatabaseUrl");
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
    await admin.end();
    url = withDatabase(adminUrl, name);
    process.env.DATABASE_URL = url;
  });
  afterAll(async () => {
    await closeDb();
    const admin = new pg.Client({ connectionString: inject("testDatabaseUrl") });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return () => url;
}
