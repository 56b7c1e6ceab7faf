/**
 * Live ingestion (POST /api/v1/ingest): a collector pushes finished runs as
 * NDJSON and learns at once, per line, what was stored. The same pipeline as a
 * file import (readers, detection, prepareTrajectory, BatchWriter), with three
 * differences: each record's format is detected on its own (readJsonlRecords),
 * the records go into a named dataset that grows (created on the first push),
 * and the request is answered synchronously, so a body is capped at 32 MB.
 * Records are idempotent by content hash: a retried batch adds nothing.
 */
import { Readable } from "node:stream";
import type pg from "pg";
import { z } from "zod";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { recordAudit } from "@/lib/audit/events";
import { pool } from "@/lib/db/client";
import type { TPgRow } from "@/lib/db/row";
import { PayloadTooLargeError } from "@/lib/errors";
import { readJsonlRecords, type TFormatName } from "@/lib/formats";
import type { Dataset, Trajectory } from "@/lib/generated/prisma/client";
import { BatchWriter, type TBatchDuplicate } from "./batch-writer";
import { ZImportOptions } from "./options";
import { prepareTrajectory, type TPreparedTrajectory } from "./prepare-trajectory";
import { uploadStorage, type UploadStorage } from "./upload-storage";

export const INGEST_MAX_BYTES = 32 * 1024 * 1024;
export const INGEST_LIMIT_MESSAGE = `the body is over the ingest limit of 32 MB (${INGEST_MAX_BYTES} bytes): send fewer records per request`;
/** What a dataset created by ingestion records as its source file (it has no file, and no file hash: sha256 is ""). */
export const INGEST_SOURCE = "(live ingestion)";

const BATCH_TRAJECTORIES = 500;
const BATCH_TEXT_BYTES = 8 << 20;

export const ZIngestOptions = z.object({
  datasetName: ZImportOptions.shape.datasetName.unwrap(),
  format: ZImportOptions.shape.format,
  task: ZImportOptions.shape.task,
  kind: ZImportOptions.shape.kind,
});
export type TIngestOptions = z.input<typeof ZIngestOptions>;

export type TIngestStatus = "imported" | "duplicate" | "error";
/** One line of the body: `id` is the stored trajectory (the new one, or the one a duplicate matches). */
export type TIngestRecord = { line: number | null; status: TIngestStatus; reason: string | null; id: string | null };
export type TIngestReport = {
  dataset: (Pick<Dataset, "id" | "name"> & { created: boolean }) | null;
  imported: number;
  duplicates: number;
  errors: number;
  records: TIngestRecord[];
};

type TTarget = Pick<Dataset, "id" | "name" | "kind"> & { created: boolean };

/** Stores the body (refused with 413 past 32 MB), ingests it, and removes it again. */
export async function ingestRecords(actor: TActor, body: Readable, input: TIngestOptions, storage: UploadStorage = uploadStorage()): Promise<TIngestReport> {
  assertCan(actor, "datasets:import");
  const options = ZIngestOptions.parse(input);
  const stored = await storage.save(Readable.from(capped(body, INGEST_MAX_BYTES)));
  try {
    return await ingestFile(actor, await storage.localPath(stored.id), stored.bytes, options);
  } finally {
    await storage.remove(stored.id);
  }
}

async function* capped(body: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new PayloadTooLargeError(INGEST_LIMIT_MESSAGE);
    yield chunk;
  }
}

/** One transaction: the trajectories, the dataset's counts and the audit event are stored together or not at all. */
async function ingestFile(actor: TActor, filePath: string, bytes: number, options: z.output<typeof ZIngestOptions>): Promise<TIngestReport> {
  const client = await pool().connect();
  try {
    await client.query("begin");
    const records: TIngestRecord[] = [];
    let target: TTarget | null = null;
    let writer: BatchWriter | null = null;
    let batch: TPreparedTrajectory[] = [];
    let batchBytes = 0;
    let turns = 0;
    const flush = async () => {
      if (!writer || !target || batch.length === 0) return;
      const written = await writer.write(batch);
      turns += written.turns;
      records.push(...(await outcomes(client, batch, written.duplicates)));
      batch = [];
      batchBytes = 0;
    };

    for await (const { item, format } of readJsonlRecords(filePath, options.format, { fileName: "the request body" })) {
      if (item.kind === "error") {
        records.push({ line: item.value.line, status: "error", reason: item.value.message, id: null });
        continue;
      }
      const record = item.value;
      if (record.turns.length === 0) {
        records.push({ line: record.line, status: "error", reason: "the conversation is empty", id: null });
        continue;
      }
      target ??= await openDataset(client, actor, options, format!);
      writer ??= await BatchWriter.open(client, target.id);
      batch.push(prepareTrajectory(record, { kind: target.kind, task: options.task, fileTask: null }));
      batchBytes += record.turns.reduce((sum, turn) => sum + turn.text.length, 0);
      if (batch.length >= BATCH_TRAJECTORIES || batchBytes >= BATCH_TEXT_BYTES) await flush();
    }
    await flush();
    records.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

    const count = (status: TIngestStatus) => records.filter((record) => record.status === status).length;
    const report: TIngestReport = { dataset: null, imported: count("imported"), duplicates: count("duplicate"), errors: count("error"), records };
    // A dataset is not created for a body that stores nothing.
    if (!target || (target.created && report.imported === 0)) {
      await client.query("rollback");
      report.dataset = await existingDataset(client, options.datasetName);
      return report;
    }
    await writer?.finish();
    await client.query(
      `update datasets set trajectory_count = trajectory_count + $2, turn_count = turn_count + $3, duplicate_count = duplicate_count + $4,
              error_count = error_count + $5, size_bytes = size_bytes + $6
        where id = $1`,
      [target.id, report.imported, turns, report.duplicates, report.errors, bytes],
    );
    await recordAudit(client, actor, {
      type: "dataset.imported",
      target: { type: "dataset", id: target.id },
      after: { via: "ingest", name: target.name, created: target.created, bytes, trajectories: report.imported, duplicates: report.duplicates, errors: report.errors },
    });
    await client.query("commit");
    report.dataset = { id: target.id, name: target.name, created: target.created };
    return report;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The named dataset, created on the first push (its kind from ?kind=, else from the
 * first record's format, as a file import decides), and locked: concurrent pushes
 * to one dataset add to its counts one after the other.
 */
async function openDataset(client: pg.PoolClient, actor: TActor, options: z.output<typeof ZIngestOptions>, format: TFormatName): Promise<TTarget> {
  const kind = options.kind ?? (format === "sharegpt" ? "general" : "agent");
  const created = await client.query<Pick<Dataset, "id" | "name" | "kind">>(
    `insert into datasets (name, kind, source_file, format, sha256, size_bytes, imported_by, imported_by_id)
     values ($1, $2, $3, $4, '', 0, $5, $6) on conflict (name) do nothing returning id, name, kind`,
    [options.datasetName, kind, INGEST_SOURCE, format, actorLabel(actor), actorId(actor)],
  );
  if (created.rows[0]) return { ...created.rows[0], created: true };
  const existing = await client.query<Pick<Dataset, "id" | "name" | "kind">>("select id, name, kind from datasets where name = $1 for update", [options.datasetName]);
  return { ...existing.rows[0]!, created: false };
}

async function existingDataset(client: pg.PoolClient, name: string): Promise<TIngestReport["dataset"]> {
  const found = await client.query<Pick<Dataset, "id" | "name">>("select id, name from datasets where name = $1", [name]);
  return found.rows[0] ? { ...found.rows[0], created: false } : null;
}

/** Each record of a written batch: imported (with its new id) or a duplicate of the stored trajectory with its content. */
async function outcomes(client: pg.PoolClient, batch: TPreparedTrajectory[], duplicates: TBatchDuplicate[]): Promise<TIngestRecord[]> {
  const duplicateAt = new Map(duplicates.map((duplicate) => [duplicate.position, duplicate]));
  const stored = await client.query<TPgRow<Pick<Trajectory, "id" | "contentHash">>>(
    `select id::text, content_hash as "contentHash" from trajectories where content_hash = any($1::text[])`,
    [batch.filter((_, position) => !duplicateAt.has(position)).map((item) => item.contentHash)],
  );
  const idOf = new Map(stored.rows.map((row) => [row.contentHash, row.id]));
  return batch.map((item, position) => {
    const duplicate = duplicateAt.get(position);
    if (duplicate) return { line: item.line, status: "duplicate", reason: `already stored (${duplicate.reason})`, id: duplicate.storedId };
    return { line: item.line, status: "imported", reason: null, id: idOf.get(item.contentHash) ?? null };
  });
}
