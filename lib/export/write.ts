/**
 * The second half of an export: stream the drawn samples, in order, through
 * the transforms into every file at once. Memory is a few batches of
 * trajectories (the one being written, LOAD_AHEAD loading); each file's
 * sha256 is computed as it is written. Progress is written back every batch, and that same update
 * notices a cancel.
 */
import type pg from "pg";
import type { TPgRow } from "@/lib/db/row";
import { UserFacingError } from "@/lib/errors";
import { StreamSink } from "@/lib/export/writers";
import type { ExportItem } from "@/lib/generated/prisma/client";
import { HashedFile } from "./hashed-file";
import { loadSources } from "./load-sources";
import { loadAhead } from "./lookahead";
import { openMixWriters, openPairWriter, type TOpenFile } from "./files";
import type { TExportedFile } from "./manifest";
import type { TRecipe } from "./recipe";
import type { TSourceTrajectory } from "./record";
import type { ExportStorage } from "./storage";
import { preferencePair, toExportRecord } from "./transform";

export const SAMPLES_FILE = "samples.jsonl";
/** 1 + LOAD_AHEAD batches are in memory: 3 x 334 trajectories, as many as the 2 x 500 of one batch ahead (peak RSS as before). */
const DEFAULT_BATCH = 334;
/**
 * Batches loading while one is written: PostgreSQL reads (and pg parses) the next ones meanwhile, and on a
 * cold cache several loads overlap their disk reads. The batches in memory are this plus the one being written.
 */
const LOAD_AHEAD = 2;
/** Turn text per batch at most: 1 + LOAD_AHEAD batches are in memory (3 x 20 MB, under the 2 x 32 MB of one batch ahead). */
const BATCH_BYTES = 20 << 20;

export class ExportCancelled extends Error {}

type TQueryable = Pick<pg.Pool, "query">;

type TItemRow = TPgRow<Pick<ExportItem, "sortKey" | "trajectoryId" | "rejectedId" | "copy" | "kind">>;

export type TWriteResult = { files: TExportedFile[]; genericCotRuleTasks: string[]; pairsWritten: number };

/** Reports items done and bytes written; returns false once the export was cancelled. */
export type TProgress = (done: number, bytes: number) => Promise<boolean>;

export type TWritePlan = { exportId: number; recipe: TRecipe; mixSamples: number; batchSize?: number; batchBytes?: number };

export async function writeExportFiles(db: TQueryable, plan: TWritePlan, storage: ExportStorage, progress: TProgress): Promise<TWriteResult> {
  const { exportId, recipe } = plan;
  const batchSize = plan.batchSize ?? DEFAULT_BATCH;
  const batchBytes = plan.batchBytes ?? BATCH_BYTES;
  const mix = openMixWriters(recipe, (name) => storage.createWriteStream(exportId, name));
  const pairs = recipe.formats.includes("preference") ? openPairWriter(recipe, (name) => storage.createWriteStream(exportId, name)) : null;
  const samples = new HashedFile(storage.createWriteStream(exportId, SAMPLES_FILE));
  const samplesSink = new StreamSink(samples.stream);
  const all: TOpenFile<unknown>[] = [...mix, ...(pairs ? [pairs] : [])];
  const genericTasks = new Set<string>();
  const options = { thoughts: recipe.thoughts, lossMask: recipe.lossMask, toolCalls: recipe.toolCalls };
  const bytes = () => all.reduce((sum, file) => sum + file.hashed.bytesWritten, samples.bytesWritten);
  let done = 0;
  let position = 0;
  try {
    for await (const { batch, sources } of loadedBatches(db, itemBatches(db, exportId, "mix", batchSize, batchBytes), (item) => [item.trajectoryId])) {
      for (const item of batch) {
        const source = found(sources, item.trajectoryId);
        const record = toExportRecord(source, options, item.copy);
        if (record.genericCotRule) genericTasks.add(record.task);
        for (const file of mix) await file.write(record);
        await samplesSink.write(sampleLine(++position, record.id, source, item, recipe, null));
      }
      done += batch.length;
      if (!(await progress(done, bytes()))) throw new ExportCancelled();
    }
    // A guard on the keyset walk: every drawn sample must have been written, once.
    if (position !== plan.mixSamples) throw new Error(`wrote ${position} of the ${plan.mixSamples} samples drawn`);
    if (pairs) {
      const pairBatches = itemBatches(db, exportId, "preference", batchSize, batchBytes);
      for await (const { batch, sources } of loadedBatches(db, pairBatches, (item) => [item.trajectoryId, item.rejectedId!])) {
        for (const item of batch) {
          const chosenSource = found(sources, item.trajectoryId);
          const rejectedSource = found(sources, item.rejectedId!);
          const pair = preferencePair(toExportRecord(chosenSource, options, 1), toExportRecord(rejectedSource, options, 1));
          if (!pair) continue;
          await pairs.write(pair);
          await samplesSink.write(sampleLine(++position, pair.id, chosenSource, { kind: "preference", copy: 1 }, recipe, rejectedSource));
        }
        done += batch.length;
        if (!(await progress(done, bytes()))) throw new ExportCancelled();
      }
    }
    const files: TExportedFile[] = [];
    for (const file of all) files.push(await file.close());
    await samplesSink.end();
    files.push({ name: SAMPLES_FILE, format: "samples", records: position, ...(await samples.finished()) });
    return { files, genericCotRuleTasks: [...genericTasks].sort(), pairsWritten: files.find((file) => file.format === "preference")?.records ?? 0 };
  } catch (error) {
    for (const file of all) file.hashed.stream.destroy();
    samples.stream.destroy();
    throw error;
  }
}

/**
 * Items in output order, by keyset on (sort key, trajectory, copy), with their turn-text bytes as stored at import.
 * Left joins: a trajectory deleted meanwhile still comes out as an item, and `found` names it.
 */
async function* itemBatches(db: TQueryable, exportId: number, which: "mix" | "preference", batchSize: number, batchBytes: number): AsyncGenerator<TItemRow[]> {
  let after: [string, string, number] = ["-1", "0", 0];
  for (;;) {
    const rows = await db.query<TItemRow & { bytes: string }>(
      `select i.sort_key::text as "sortKey", i.trajectory_id::text as "trajectoryId", i.rejected_id::text as "rejectedId", i.copy, i.kind,
              coalesce(t.text_bytes, 0) + coalesce(r.text_bytes, 0) as bytes
         from export_items i
         left join trajectories t on t.id = i.trajectory_id
         left join trajectories r on r.id = i.rejected_id
        where i.export_id = $1 and ${which === "mix" ? "i.kind <> 'preference'" : "i.kind = 'preference'"}
          and (i.sort_key, i.trajectory_id, i.copy) > ($2::bigint, $3::bigint, $4::int)
        order by i.sort_key, i.trajectory_id, i.copy limit ${batchSize}`,
      [exportId, ...after],
    );
    if (rows.rows.length === 0) return;
    const batch = withinBytes(rows.rows, batchBytes);
    yield batch;
    const last = batch[batch.length - 1]!;
    after = [last.sortKey, last.trajectoryId, last.copy];
    if (batch.length === rows.rows.length && rows.rows.length < batchSize) return;
  }
}

/** The leading items whose texts fit in maxBytes (at least one): page dumps make some trajectories a thousand times larger than others. */
function withinBytes<T extends { bytes: string }>(rows: T[], maxBytes: number): T[] {
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    total += Number(rows[i]!.bytes);
    if (total > maxBytes && i > 0) return rows.slice(0, i);
  }
  return rows;
}

/** Batches with their trajectories loaded, LOAD_AHEAD batches ahead of the one being written (lookahead.ts). */
async function* loadedBatches(
  db: TQueryable,
  batches: AsyncGenerator<TItemRow[]>,
  idsOf: (item: TItemRow) => string[],
): AsyncGenerator<{ batch: TItemRow[]; sources: Map<string, TSourceTrajectory> }> {
  for await (const { batch, loaded } of loadAhead(batches, (items) => loadSources(db, items.flatMap(idsOf)), LOAD_AHEAD)) yield { batch, sources: loaded };
}

function found(sources: Map<string, TSourceTrajectory>, id: string): TSourceTrajectory {
  const source = sources.get(id);
  if (!source) throw new UserFacingError(`trajectory ${id} was deleted while the export ran: run the export again`);
  return source;
}

/** Turn index → revision number, for steps whose latest revision was used (none unless the variant is "latest"). */
function thoughtRevisions(source: TSourceTrajectory, recipe: TRecipe): Record<string, number> {
  const revisions: Record<string, number> = {};
  if (recipe.thoughts === "latest") for (const turn of source.turns) if (turn.thoughtVersion > 0) revisions[turn.index] = turn.thoughtVersion;
  return revisions;
}

/**
 * The sample list's line: which trajectory (for a preference pair the chosen one, and the rejected one beside it),
 * and which thought revision each rewritten step used. One shape for every line, null where a key does not apply.
 */
function sampleLine(
  n: number,
  id: string,
  source: TSourceTrajectory,
  item: Pick<TItemRow, "kind" | "copy">,
  recipe: TRecipe,
  rejected: TSourceTrajectory | null,
): string {
  return `${JSON.stringify({
    n,
    id,
    trajectoryId: source.id,
    externalId: source.externalId,
    dataset: source.datasetName,
    kind: item.kind,
    task: source.task,
    copy: item.copy,
    contentHash: source.contentHash ?? null,
    thoughtRevisions: thoughtRevisions(source, recipe),
    rejectedTrajectoryId: rejected?.id ?? null,
    rejectedThoughtRevisions: rejected ? thoughtRevisions(rejected, recipe) : null,
  })}\n`;
}
