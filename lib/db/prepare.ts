import { ensureEmbeddedPostgres } from "./embedded";
import { applyMigrations, migrationsUpToDate } from "./migrate";
import { embeddedSettings } from "./settings";

export type TPreparedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * Resolves the database for the app and the CLI: `DATABASE_URL` when set (never
 * starting a server of our own), otherwise the embedded PostgreSQL. Applies
 * pending migrations and exports the URL to `process.env.DATABASE_URL`.
 */
export async function prepareDatabase(log: (line: string) => void = () => {}): Promise<TPreparedDatabase> {
  const external = process.env.DATABASE_URL;
  const server = external
    ? { url: external, startedHere: false, stop: async () => {} }
    : await ensureEmbeddedPostgres({ ...embeddedSettings(), log });
  process.env.DATABASE_URL = server.url;
  if (!(await migrationsUpToDate(server.url))) await applyMigrations(server.url);
  return { url: server.url, embedded: !external, stop: server.stop };
}
