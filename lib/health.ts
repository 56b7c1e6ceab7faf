import { pool } from "@/lib/db/client";
import packageJson from "@/package.json";

export type THealth = {
  status: "ok" | "degraded";
  app: { name: string; version: string };
  database: { ok: boolean; latencyMs: number | null; migrations: number | null; error?: string };
};

export async function checkHealth(): Promise<THealth> {
  const app = { name: packageJson.name, version: packageJson.version };
  const started = performance.now();
  try {
    const result = await pool().query<{ migrations: number }>(
      "select count(*)::int as migrations from _prisma_migrations where finished_at is not null",
    );
    const latencyMs = Math.round(performance.now() - started);
    return { status: "ok", app, database: { ok: true, latencyMs, migrations: result.rows[0]?.migrations ?? 0 } };
  } catch {
    // The reason stays in the server log; the public answer only says it is down.
    return { status: "degraded", app, database: { ok: false, latencyMs: null, migrations: null, error: "database unreachable" } };
  }
}
