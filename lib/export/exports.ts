/**
 * Exports as the API, CLI and pages see them: create (from a recipe or a saved
 * recipe's name), read, list, cancel, delete, re-run, open a file. Creating,
 * cancelling, re-running and deleting need exports:create (reviewers and
 * admins); reading and downloading need trajectories:read.
 */
import type { Readable } from "node:stream";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { describeZodError, NotFoundError, UserFacingError } from "@/lib/errors";
import type { TExportedFile } from "./manifest";
import type { TExportSummary } from "./prepare";
import { parseRecipe, type TRecipe } from "./recipe";
import { getRecipe } from "./recipes";
import { cancelJob, inTransaction, sendJob } from "@/lib/jobs/engine";
import { exportStorage, type ExportStorage } from "./storage";

export const ZCreateExport = z
  .object({
    recipe: z.unknown().optional(),
    recipeName: z.string().trim().min(1).optional(),
    recipeVersion: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((input) => (input.recipe === undefined) !== (input.recipeName === undefined), "give either recipe or recipeName");

export type TExport = {
  id: number;
  recipeName: string | null;
  recipeVersion: number | null;
  recipe: TRecipe;
  state: string;
  totalItems: number;
  doneItems: number;
  bytesWritten: number;
  summary: TExportSummary | null;
  files: TExportedFile[];
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

type TExportRow = {
  id: number;
  recipe_name: string | null;
  recipe_version: number | null;
  recipe: TRecipe;
  state: string;
  total_items: number;
  done_items: number;
  bytes_written: string;
  summary: TExportSummary | null;
  files: TExportedFile[];
  error: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const COLUMNS = `id, recipe_name, recipe_version, recipe, state, total_items, done_items, bytes_written::text, summary, files, error, created_by, created_at, started_at, finished_at`;

function toExport(row: TExportRow): TExport {
  return {
    id: row.id,
    recipeName: row.recipe_name,
    recipeVersion: row.recipe_version,
    recipe: row.recipe,
    state: row.state,
    totalItems: row.total_items,
    doneItems: row.done_items,
    bytesWritten: Number(row.bytes_written),
    summary: row.summary,
    files: row.files,
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/**
 * Records an export (audited). With queue, also enqueues its job for the workers, in the
 * same transaction; without, the caller runs it in its own process (the CLI's default).
 */
export async function createExport(actor: TActor, input: z.input<typeof ZCreateExport>, options: { queue?: boolean } = {}): Promise<TExport> {
  assertCan(actor, "exports:create");
  const parsed = ZCreateExport.safeParse(input);
  if (!parsed.success) throw new UserFacingError(describeZodError(parsed.error));
  const saved = parsed.data.recipeName ? await getRecipe(actor, parsed.data.recipeName, parsed.data.recipeVersion) : null;
  const recipe = saved ? saved.recipe : parseRecipe(parsed.data.recipe);
  return withTransaction(async (client) => {
    const created = await client.query<TExportRow>(
      `insert into exports (recipe_name, recipe_version, recipe, created_by_id, created_by) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
      [saved?.name ?? null, saved?.version ?? null, JSON.stringify(recipe), actorId(actor), actorLabel(actor)],
    );
    const row = created.rows[0]!;
    if (options.queue) {
      const jobId = await sendJob("export", { exportId: row.id, actor }, inTransaction(client));
      await client.query("update exports set job_id = $2 where id = $1", [row.id, jobId]);
    }
    await recordAudit(client, actor, { type: "export.created", target: { type: "export", id: row.id }, after: { recipeName: row.recipe_name, recipeVersion: row.recipe_version, recipe } });
    return toExport(row);
  });
}

/** Queues an export for the workers; returns at once with the export to poll. */
export async function startExport(actor: TActor, input: z.input<typeof ZCreateExport>): Promise<TExport> {
  return createExport(actor, input, { queue: true });
}

/** A new export with the same recipe (and saved-recipe version) as an earlier one. */
export async function rerunExport(actor: TActor, exportId: number): Promise<TExport> {
  const earlier = await getExport(actor, exportId);
  const input = earlier.recipeName ? { recipeName: earlier.recipeName, recipeVersion: earlier.recipeVersion ?? undefined } : { recipe: earlier.recipe };
  return startExport(actor, input);
}

export async function getExport(actor: TActor, exportId: number): Promise<TExport> {
  assertCan(actor, "trajectories:read");
  const rows = await pool().query<TExportRow>(`select ${COLUMNS} from exports where id = $1`, [exportId]);
  const row = rows.rows[0];
  if (!row) throw new NotFoundError(`no export ${exportId}`);
  return toExport(row);
}

export async function listExports(actor: TActor, limit = 100): Promise<TExport[]> {
  assertCan(actor, "trajectories:read");
  const rows = await pool().query<TExportRow>(`select ${COLUMNS} from exports order by id desc limit $1`, [limit]);
  return rows.rows.map(toExport);
}

export async function cancelExport(actor: TActor, exportId: number): Promise<TExport> {
  assertCan(actor, "exports:create");
  await withTransaction(async (client) => {
    const updated = await client.query<{ job_id: string | null }>(
      "update exports set state = 'cancelled', finished_at = now() where id = $1 and state in ('queued', 'running') returning job_id",
      [exportId],
    );
    if ((updated.rowCount ?? 0) === 0) {
      await getExport(actor, exportId); // 404 if it does not exist
      throw new UserFacingError(`export ${exportId} is not running`);
    }
    // The job ends too (a queued one never starts); a running one sees the cancel at its next batch.
    const jobId = updated.rows[0]!.job_id;
    if (jobId) await cancelJob("export", jobId, inTransaction(client));
    await recordAudit(client, actor, { type: "export.cancelled", target: { type: "export", id: exportId } });
  });
  return getExport(actor, exportId);
}

/** Deletes the files and the record (a running export is cancelled first). */
export async function deleteExport(actor: TActor, exportId: number, storage: ExportStorage = exportStorage()): Promise<void> {
  assertCan(actor, "exports:create");
  const existing = await getExport(actor, exportId);
  await withTransaction(async (client) => {
    await client.query("delete from exports where id = $1", [exportId]);
    await recordAudit(client, actor, { type: "export.deleted", target: { type: "export", id: exportId }, before: { recipeName: existing.recipeName, state: existing.state, files: existing.files } });
  });
  await storage.remove(exportId);
}

/** A finished export's file, as a stream. */
export async function openExportFile(
  actor: TActor,
  exportId: number,
  name: string,
  storage: ExportStorage = exportStorage(),
): Promise<{ stream: Readable; bytes: number; file: TExportedFile; exportId: number }> {
  const found = await getExport(actor, exportId);
  const file = found.files.find((candidate) => candidate.name === name);
  if (found.state !== "finished" || !file) throw new NotFoundError(`export ${exportId} has no file ${name}`);
  const opened = await storage.openReadStream(exportId, name);
  return { ...opened, file, exportId };
}
