// Database access and secrets stay on the server: a client component importing this fails the build.
import "server-only";
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";

/** Applies pending migrations with `prisma migrate deploy` (WASM engine, no binaries). */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`database migration failed:\n${output.join("").trim()}`);
}

/**
 * True when every migration folder is recorded as applied. `migrate deploy`
 * takes seconds even with nothing to do (it boots the engine), and every CLI
 * command and start prepares the database: this query lets them skip it.
 */
export async function migrationsUpToDate(databaseUrl: string, migrationsDir = path.resolve("prisma/migrations")): Promise<boolean> {
  const folders = (await readdir(migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>("select to_regclass('public._prisma_migrations') is not null as exists");
    if (!table.rows[0]!.exists) return false;
    const applied = await client.query<{ migration_name: string }>(
      "select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null",
    );
    const names = new Set(applied.rows.map((row) => row.migration_name));
    return folders.every((folder) => names.has(folder));
  } finally {
    await client.end();
  }
}
