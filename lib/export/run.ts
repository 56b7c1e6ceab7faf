/**
 * Runs one export job from start to end: draw the samples, write the files,
 * add the card and manifest, publish. A failure or a cancel leaves no files
 * and says so on the export; a process stopped mid-way leaves a "running"
 * export that the next start marks failed (markInterruptedExports).
 */
import os from "node:os";
import { recordAudit } from "@/lib/audit/events";
import type { TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { UserFacingError } from "@/lib/errors";
import { StreamSink } from "@/lib/export/writers";
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
};

/** Runs a queued export; returns its final state. Errors end up on the export row, never thrown. */
export async function runExport(actor: TActor, exportId: number, hooks: TRunHooks = {}, storage: ExportStorage = exportStorage()): Promise<string> {
  const claimed = await pool().query<TClaimed>(
    `update exports set state = 'running', started_at = now(), error = null, runner = $2, heartbeat_at = now() where id = $1 and state = 'queued'
     returning recipe, recipe_name, recipe_version, created_by, created_at`,
    [exportId, THIS_RUNNER],
  );
  const row = claimed.rows[0];
  if (!row) return (await currentState(exportId)) ?? "missing";
  try {
    const recipe = parseRecipe(row.recipe);
    const { total, mixSamples, summary } = await drawSamples(exportId, recipe);
    await pool().query("update exports set total_items = $2, summary = $3 where id = $1", [exportId, total, JSON.stringify(summary)]);
    await hooks.onProgress?.(0, total, 0);
    await storage.begin(exportId);
    const progress = async (done: number, bytes: number) => {
      await hooks.onProgress?.(done, total, bytes);
      const updated = await pool().query(
        "update exports set done_items = $2, bytes_written = $3, heartbeat_at = now() where id = $1 and state = 'running'",
        [exportId, done, bytes],
      );
      return (updated.rowCount ?? 0) > 0;
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
    await storage.publish(exportId);
    const allFiles = [...files, { name: MANIFEST_FILE, format: "manifest", records: 1, ...manifestFacts }];
    await finish(actor, exportId, allFiles, summary, finishedAt);
    return "finished";
  } catch (error) {
    await discardOutput(exportId, storage);
    if (error instanceof ExportCancelled) return "cancelled";
    const message = error instanceof UserFacingError ? error.message : `export failed: ${error instanceof Error ? error.message : String(error)}`;
    if (!(error instanceof UserFacingError)) console.error(`export ${exportId} failed`, error);
    await pool().query("update exports set state = 'failed', error = $2, finished_at = now() where id = $1 and state = 'running'", [exportId, message]);
    return (await currentState(exportId)) ?? "failed";
  }
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

async function finish(actor: TActor, exportId: number, files: TExportedFile[], summary: TExportSummary, finishedAt: Date) {
  await withTransaction(async (client) => {
    const done = await client.query(
      `update exports set state = 'finished', files = $2, finished_at = $3, done_items = total_items,
              bytes_written = $4, summary = $5 where id = $1 and state = 'running'`,
      [exportId, JSON.stringify(files), finishedAt, files.reduce((sum, file) => sum + file.bytes, 0), JSON.stringify(summary)],
    );
    if ((done.rowCount ?? 0) === 0) throw new ExportCancelled();
    await recordAudit(client, actor, {
      type: "export.finished",
      target: { type: "export", id: exportId },
      after: { samples: summary.plan.total, preferencePairs: summary.preferencePairs, files: files.map((file) => ({ name: file.name, sha256: file.sha256 })) },
    });
  });
}

async function currentState(exportId: number): Promise<string | null> {
  const rows = await pool().query<{ state: string }>("select state from exports where id = $1", [exportId]);
  return rows.rows[0]?.state ?? null;
}

const THIS_RUNNER = `${os.hostname()}:${process.pid}`;
/** A runner on another machine that has not reported for this long is taken as gone (the draw can take minutes). */
const STALE_AFTER_MINUTES = 15;

/** Whether the process named by a runner (host:pid) is gone: checked directly on this host, by its heartbeat elsewhere. */
export function runnerGone(runner: string | null, heartbeatAt: Date | null, now = new Date()): boolean {
  const [host, pid] = runner ? [runner.slice(0, runner.lastIndexOf(":")), Number(runner.slice(runner.lastIndexOf(":") + 1))] : [null, NaN];
  if (host === os.hostname() && Number.isInteger(pid)) {
    try {
      process.kill(pid, 0); // signal 0: only asks whether the process exists
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "ESRCH";
    }
  }
  return !heartbeatAt || now.getTime() - heartbeatAt.getTime() > STALE_AFTER_MINUTES * 60_000;
}

/**
 * Exports whose process stopped (a server stop, a killed CLI) stay "running":
 * the next start marks them failed and drops their files. One still running
 * in another process (a CLI export while the server starts) is left alone.
 */
export async function markInterruptedExports(storage: ExportStorage = exportStorage()): Promise<number> {
  const open = await pool().query<{ id: number; runner: string | null; heartbeat_at: Date | null; created_at: Date }>(
    "select id, runner, heartbeat_at, created_at from exports where state in ('queued', 'running')",
  );
  let marked = 0;
  for (const row of open.rows) {
    if (!runnerGone(row.runner, row.heartbeat_at ?? row.created_at)) continue;
    const updated = await pool().query(
      "update exports set state = 'failed', error = 'interrupted: the process running it stopped; run it again', finished_at = now() where id = $1 and state in ('queued', 'running')",
      [row.id],
    );
    if ((updated.rowCount ?? 0) === 0) continue;
    await discardOutput(row.id, storage);
    marked += 1;
  }
  return marked;
}
