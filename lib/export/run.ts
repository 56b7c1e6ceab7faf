/**
 * Runs one export from start to end: draw the samples, write the files, add
 * the card and manifest, publish. A worker runs it as a job of the engine
 * (lib/jobs/export-job.ts): a retry (after a crash, a PostgreSQL restart, a
 * stopping worker) restarts the files from scratch, and the deterministic draw
 * makes them byte-identical. A failure or a cancel leaves no files and says so
 * on the export. The CLI may also run it in its own process (no job).
 */
import { recordAudit } from "@/lib/audit/events";
import type { TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { UserFacingError } from "@/lib/errors";
import { StreamSink } from "@/lib/export/writers";
import { JobHandedBack, type TJobContext } from "@/lib/jobs/context";
import { HashedFile } from "./hashed-file";
import { buildDatasetCard, buildManifest, type TExportedFile } from "./manifest";
import { drawSamples, type TExportSummary } from "./prepare";
import { parseRecipe } from "./recipe";
import { exportStorage, type ExportStorage } from "./storage";
import { ExportCancelled, SAMPLES_FILE, writeExportFiles } from "./write";

export const CARD_FILE = "README.md";
export const MANIFEST_FILE = "manifest.json";

type TClaimed = { recipe: unknown; recipe_name: string | null; recipe_version: number | null; created_by: string; created_at: Date };

export type TRunHooks = {
  onProgress?: (done: number, total: number, bytes: number) => void | Promise<void>;
  /** Trajectories, and bytes of their turns, loaded per round trip (tests make them small to cross many batches). */
  batchSize?: number;
  batchBytes?: number;
  /** Set when a worker runs it: the attempt claims the export, progress goes to the job, a stopping worker hands it back. */
  job?: TJobContext;
};

/** finished, cancelled, failed (error says why), or lost: a newer attempt of its job holds the export. */
export type TRunOutcome = { state: string; error: string | null };

/** Progress on the export row is written at most once a second, like the job's. */
const PROGRESS_EVERY_MS = 1000;

/**
 * Runs a queued export (or, as a job's retry, one its earlier attempt left running).
 * A bad recipe or missing data fails the export (returned, never thrown). Any other
 * error is thrown for the engine to retry, after the files are dropped; on the
 * job's last attempt (or outside a job) the export is marked failed first.
 */
export async function runExport(actor: TActor, exportId: number, hooks: TRunHooks = {}, storage: ExportStorage = exportStorage()): Promise<TRunOutcome> {
  const attempt = hooks.job?.attempt ?? null;
  const claimed = await pool().query<TClaimed>(
    `update exports set state = 'running', started_at = now(), error = null, done_items = 0, bytes_written = 0, job_attempt = $2
      where id = $1 and (state = 'queued' or ($2::int is not null and state = 'running'))
      returning recipe, recipe_name, recipe_version, created_by, created_at`,
    [exportId, attempt],
  );
  const row = claimed.rows[0];
  if (!row) return currentOutcome(exportId);
  try {
    const recipe = parseRecipe(row.recipe);
    const { total, mixSamples, summary } = await drawSamples(exportId, recipe);
    await pool().query("update exports set total_items = $2, summary = $3 where id = $1", [exportId, total, JSON.stringify(summary)]);
    await hooks.onProgress?.(0, total, 0);
    await hooks.job?.progress(0, total, true);
    await storage.begin(exportId);
    let lastWrite = Date.now();
    const progress = async (done: number, bytes: number) => {
      await hooks.onProgress?.(done, total, bytes);
      if (hooks.job?.stopping()) throw new JobHandedBack();
      if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) {
        lastWrite = Date.now();
        await pool().query("update exports set done_items = $2, bytes_written = $3 where id = $1 and state = 'running'", [exportId, done, bytes]);
        await hooks.job?.progress(done, total);
      }
      // Every batch: a cancel (or a newer attempt taking over) stops the writing at once.
      return holdsClaim(exportId, attempt);
    };
    const written = await writeExportFiles(pool(), { exportId, recipe, mixSamples, batchSize: hooks.batchSize, batchBytes: hooks.batchBytes }, storage, progress);
    // A drawn pair whose full prompts differ is not written: the manifest counts what the file holds.
    summary.preferencePairs = written.pairsWritten;
    const card = await writeTextFile(storage, exportId, CARD_FILE, buildDatasetCard(row.recipe_name, recipe, summary, written.files));
    const files: TExportedFile[] = [...written.files, { name: CARD_FILE, format: "card", records: 1, ...card }];
    const finishedAt = new Date();
    const manifest = buildManifest({
      exportId,
      createdBy: row.created_by,
      createdAt: row.created_at,
      finishedAt,
      recipeName: row.recipe_name,
      recipeVersion: row.recipe_version,
      recipe,
      summary,
      files,
      samplesFile: SAMPLES_FILE,
      genericCotRuleTasks: written.genericCotRuleTasks,
    });
    const manifestFacts = await writeTextFile(storage, exportId, MANIFEST_FILE, manifest);
    if (!(await holdsClaim(exportId, attempt))) throw new ExportCancelled();
    await storage.publish(exportId);
    const allFiles = [...files, { name: MANIFEST_FILE, format: "manifest", records: 1, ...manifestFacts }];
    await finish(actor, exportId, attempt, allFiles, summary, finishedAt);
    await hooks.job?.progress(total, total, true);
    return { state: "finished", error: null };
  } catch (error) {
    // A newer attempt holds the export: its files are not ours to drop.
    if (!(await holdsClaim(exportId, attempt).catch(() => false)) && (await currentOutcome(exportId)).state !== "cancelled") return { state: "lost", error: null };
    await discardOutput(exportId, storage);
    if (error instanceof ExportCancelled) return currentOutcome(exportId);
    if (error instanceof UserFacingError) return markFailed(exportId, error.message);
    const message = error instanceof JobHandedBack ? error.message : `export failed: ${error instanceof Error ? error.message : String(error)}`;
    if (!hooks.job || hooks.job.lastAttempt) {
      if (!(error instanceof JobHandedBack)) console.error(`export ${exportId} failed`, error);
      await markFailed(exportId, message);
    } else {
      // Back to the queue, saying why: the engine runs it again.
      await pool().query("update exports set state = 'queued', error = $2 where id = $1 and state = 'running'", [exportId, message]);
    }
    throw error;
  }
}

/** Whether this run still owns the export: it is running, and no newer attempt of its job took it over. */
async function holdsClaim(exportId: number, attempt: number | null): Promise<boolean> {
  const rows = await pool().query("select 1 from exports where id = $1 and state = 'running' and job_attempt is not distinct from $2", [exportId, attempt]);
  return (rows.rowCount ?? 0) > 0;
}

async function markFailed(exportId: number, message: string): Promise<TRunOutcome> {
  await pool().query("update exports set state = 'failed', error = $2, finished_at = now() where id = $1 and state in ('queued', 'running')", [exportId, message]);
  return currentOutcome(exportId);
}

/** Files and samples of an export that did not finish. Only a finished export's samples are kept (for diffs). */
async function discardOutput(exportId: number, storage: ExportStorage) {
  await storage.remove(exportId).catch(() => {});
  await pool().query("delete from export_items where export_id = $1", [exportId]).catch(() => {});
}

async function writeTextFile(storage: ExportStorage, exportId: number, name: string, text: string) {
  const file = new HashedFile(storage.createWriteStream(exportId, name));
  const sink = new StreamSink(file.stream);
  await sink.write(text);
  await sink.end();
  return file.finished();
}

async function finish(actor: TActor, exportId: number, attempt: number | null, files: TExportedFile[], summary: TExportSummary, finishedAt: Date) {
  await withTransaction(async (client) => {
    const done = await client.query(
      `update exports set state = 'finished', files = $2, finished_at = $3, done_items = total_items,
              bytes_written = $4, summary = $5 where id = $1 and state = 'running' and job_attempt is not distinct from $6`,
      [exportId, JSON.stringify(files), finishedAt, files.reduce((sum, file) => sum + file.bytes, 0), JSON.stringify(summary), attempt],
    );
    if ((done.rowCount ?? 0) === 0) throw new ExportCancelled();
    await recordAudit(client, actor, {
      type: "export.finished",
      target: { type: "export", id: exportId },
      after: { samples: summary.plan.total, preferencePairs: summary.preferencePairs, files: files.map((file) => ({ name: file.name, sha256: file.sha256 })) },
    });
  });
}

async function currentOutcome(exportId: number): Promise<TRunOutcome> {
  const rows = await pool().query<{ state: string; error: string | null }>("select state, error from exports where id = $1", [exportId]);
  return rows.rows[0] ?? { state: "missing", error: null };
}
