/**
 * Authors a migration offline: diffs the schema as of the newest migration (read
 * from git) against prisma/schema.prisma. `prisma migrate dev` is not usable here:
 * its shadow database crashes the WASM engine (STACK.md).
 *
 *   npm run db:migration -- <name>
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureEmbeddedPostgres } from "../lib/db/embedded";
import { embeddedSettings } from "../lib/db/settings";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(1);
}
const migrationsDir = "prisma/migrations";
const existing = existsSync(migrationsDir)
  ? readdirSync(migrationsDir).filter((entry) => /^\d{14}_/.test(entry)).sort()
  : [];
const newest = existing.at(-1);

let from = ["--from-empty"];
if (newest) {
  const commit = execFileSync("git", ["log", "-1", "--format=%H", "--", path.join(migrationsDir, newest)]).toString().trim();
  if (!commit) {
    console.error(`commit ${newest} first: the old schema is read from the commit that added it`);
    process.exit(1);
  }
  const oldSchema = path.join(tmpdir(), `schema-${commit}.prisma`);
  writeFileSync(oldSchema, execFileSync("git", ["show", `${commit}:prisma/schema.prisma`]));
  from = ["--from-schema-datamodel", oldSchema];
}

// The WASM schema engine connects through the adapter even to diff two files.
const server = process.env.DATABASE_URL ? undefined : await ensureEmbeddedPostgres(embeddedSettings());
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? server?.url } },
).toString();
await server?.stop();

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
const lock = path.join(migrationsDir, "migration_lock.toml");
if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
console.log(`wrote ${dir}/migration.sql; add hand-written SQL (expression indexes) below the generated part if needed`);
