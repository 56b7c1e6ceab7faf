import { stat } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { eventLoopSlicer } from "@/lib/db/event-loop";
import type { Dataset } from "@/lib/generated/prisma/client";
import { detectFormat, readTrajectories, taskFromFileName } from "@/lib/formats";
import { BatchWriter, encodeTrajectory, storedInstruction, type TBatchDuplicate, type TEncodedTrajectory } from "./batch-writer";
import { sha256File } from "./file-hash";
import {
  datasetNameFromFile,
  DUPLICATE_REASONS,
  ImportRequestError,
  type TImportError,
  type TImportOptions,
  type TImportProgress,
  type TImportReport,
  ZImportOptions,
} from "./options";
import { prepareTrajectory, type TPreparedTrajectory } from "./prepare-trajectory";
import { SearchVectors } from "./search-vectors";

const MAX_STORED_ERRORS = 1000;
const MAX_LISTED_DUPLICATES = 1000;
const BATCH_TRAJECTORIES = 500;
const BATCH_TEXT_BYTES = 8 << 20;
const PROGRESS_EVERY_MS = 250;
const WRITES_AHEAD = 2;
/**
 * The parser hands the event loop back this often (lib/db/event-loop.ts). A file is read in 1 MB chunks whose
 * hundred-odd records were parsed without a pause (tens of ms): meanwhile PostgreSQL's replies to the writer sat
 * unread and the server waited for its next statement or COPY data (a fifth of a 1 GB import's time, sampled in
 * pg_stat_activity).
 */
const PARSE_SLICE_MS = 1;

export type TImportHooks = { onProgress?: (progress: TImportProgress) => void; signal?: AbortSignal };

/**
 * Imports one file as one dataset, in one transaction: a failed, cancelled or
 * killed import leaves nothing behind, and trajectories already stored (same
 * content hash) are counted as duplicates, not written twice.
 */
export async function importFile(actor: TActor, input: TImportOptions, hooks: TImportHooks = {}): Promise<TImportReport> {
  assertCan(actor, "datasets:import");
  const started = Date.now();
  const options = ZImportOptions.parse(input);
  const fileName = options.fileName ?? path.basename(options.filePath);
  const totalBytes = await fileSize(options.filePath, fileName);
  const sha256 = await sha256File(options.filePath);
  const report = emptyReport(fileName);

  // Plain SQL on the pool the import uses anyway: a CLI import does not pay for starting the Prisma client (~0.2 s).
  const stored = await pool().query<Pick<Dataset, "id" | "name">>("select id, name from datasets where sha256 = $1 order by id limit 1", [sha256]);
  const previous = stored.rows[0];
  if (previous) {
    report.alreadyImportedAs = previous;
    report.message = `${fileName} was already imported as dataset "${previous.name}": nothing to do`;
    return finish(report, started);
  }

  const detected = await detectFormat(options.filePath, options.format, fileName);
  report.format = detected.format;
  const kind = options.kind ?? (detected.format === "sharegpt" ? "general" : "agent");
  const defaults = { ...options, kind, fileTask: taskFromFileName(fileName) };

  // A pg connection, not a Prisma transaction: the batches are COPYed on it.
  const client = await pool().connect();
  let writes: WriteQueue | null = null;
  let searchVectors: SearchVectors | null = null;
  try {
    await client.query("begin");
    const datasetName = await chooseDatasetName(client, options.datasetName, fileName);
    const dataset = await client.query<Pick<Dataset, "id">>(
      `insert into datasets (name, kind, source_file, format, sha256, size_bytes, imported_by, imported_by_id, is_demo)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [datasetName, kind, fileName, detected.format, sha256, totalBytes, actorLabel(actor), actorId(actor), options.isDemo],
    );
    const datasetId = dataset.rows[0]!.id;
    const writer = await BatchWriter.open(client, datasetId);
    searchVectors = await SearchVectors.open();
    const vectorSource = searchVectors;

    const queue = new WriteQueue();
    writes = queue;
    let batch: TPreparedTrajectory[] = [];
    // Each record's COPY text is built as it is parsed, while the connection still works on the batches before.
    let batchText: TEncodedTrajectory[] = [];
    let batchBytes = 0;
    let bytesRead = 0;
    let lastProgress = 0;
    // Batches are written in order on the one connection while the next is parsed: the parser (Node) and the
    // database (PostgreSQL) work at the same time on the two cores. Up to WRITES_AHEAD parsed batches wait for
    // the writer, so an uneven batch on one side does not stall the other.
    const flush = async () => {
      if (batch.length > 0) {
        const [current, encoded] = [batch, batchText];
        batch = [];
        batchText = [];
        batchBytes = 0;
        // Asked for now, on the second connection: ready by the time the writer reaches this batch.
        const vectors = vectorSource.of(current.map(storedInstruction));
        queue.enqueue(async () => {
          const written = await writer.write(current, { encoded, searchVectors: await vectors });
          report.imported += written.trajectories;
          report.turns += written.turns;
          report.duplicates += current.length - written.trajectories;
          recordDuplicates(report, current, written.duplicates);
        });
      }
      await queue.settleTo(WRITES_AHEAD);
    };
    const progress = (force = false) => {
      if (!hooks.onProgress || (!force && Date.now() - lastProgress < PROGRESS_EVERY_MS)) return;
      lastProgress = Date.now();
      hooks.onProgress({ bytesRead, totalBytes, imported: report.imported, skipped: report.skipped });
    };

    const items = readTrajectories(options.filePath, detected, { onProgress: (bytes) => (bytesRead = bytes) });
    const breathe = eventLoopSlicer(PARSE_SLICE_MS);
    for await (const item of items) {
      await breathe();
      if (hooks.signal?.aborted) throw new ImportRequestError("import cancelled");
      if (item.kind === "error") {
        recordError(report, item.value, options.strict, fileName);
        continue;
      }
      const record = item.value;
      if (record.turns.length === 0) {
        recordError(report, { line: record.line, record: record.record, message: "the conversation is empty" }, options.strict, fileName);
        continue;
      }
      const prepared = prepareTrajectory(record, defaults);
      batch.push(prepared);
      batchText.push(encodeTrajectory(prepared));
      batchBytes += record.turns.reduce((sum, turn) => sum + turn.text.length, 0);
      if (batch.length >= BATCH_TRAJECTORIES || batchBytes >= BATCH_TEXT_BYTES) {
        await flush();
        progress();
      }
    }
    await flush();
    await queue.settleTo(0);
    bytesRead = totalBytes;
    progress(true);

    if (report.imported === 0) {
      await client.query("rollback");
      const note = otherLossFlagsNote(report);
      report.message = report.duplicates > 0
        ? `every trajectory of ${fileName} is already stored (${report.duplicates} duplicates${note ? `, ${note}` : ""}): nothing imported`
        : `nothing could be imported from ${fileName}`;
      return finish(report, started);
    }
    await writer.finish();
    await client.query(
      `update datasets set trajectory_count = $2, turn_count = $3, duplicate_count = $4, error_count = $5, errors = $6
       where id = $1`,
      [datasetId, report.imported, report.turns, report.duplicates, report.errorCount, JSON.stringify(report.errors)],
    );
    // The last moment a cancel can still undo the import.
    if (hooks.signal?.aborted) throw new ImportRequestError("import cancelled");
    await recordAudit(client, actor, {
      type: "dataset.imported",
      target: { type: "dataset", id: datasetId },
      after: { name: datasetName, file: fileName, format: detected.format, sha256, trajectories: report.imported, duplicates: report.duplicates, duplicatesOtherLossFlags: report.duplicatesOtherLossFlags, skipped: report.skipped },
    });
    await client.query("commit");
    report.dataset = { id: datasetId, name: datasetName };
    report.message = summary(report, datasetName);
    return finish(report, started);
  } catch (error) {
    // A batch still being written would send its next statements after the rollback, outside the transaction.
    await writes?.stop();
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
    await searchVectors?.close();
  }
}

/** Batch writes run one after another in the order queued; the first failure stops the rest and is thrown to the parser. */
class WriteQueue {
  private readonly pending: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  private stopped = false;

  enqueue(write: () => Promise<void>): void {
    this.tail = this.tail.then(async () => {
      if (this.failure || this.stopped) return;
      try {
        await write();
      } catch (error) {
        this.failure = { error };
      }
    });
    this.pending.push(this.tail);
  }

  /** Waits until at most `count` writes are queued or running; throws the first failure. */
  async settleTo(count: number): Promise<void> {
    while (this.pending.length > count && !this.failure) await this.pending.shift();
    if (this.failure) throw this.failure.error;
  }

  /** No queued write starts any more; resolves once the running one is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.tail;
  }
}

function emptyReport(file: string): TImportReport {
  return {
    dataset: null, file, format: null, imported: 0, turns: 0, duplicates: 0, duplicatesOtherLossFlags: 0, duplicateRecords: [], skipped: 0,
    errors: [], errorCount: 0, alreadyImportedAs: null, message: "", durationMs: 0,
  };
}

function finish(report: TImportReport, started: number): TImportReport {
  report.durationMs = Date.now() - started;
  return report;
}

function recordError(report: TImportReport, error: TImportError, strict: boolean, fileName: string) {
  if (strict) throw new ImportRequestError(`${fileName}: ${where(error)}: ${error.message} (--strict stops at the first bad record)`);
  report.skipped += 1;
  report.errorCount += 1;
  if (report.errors.length < MAX_STORED_ERRORS) report.errors.push(error);
}

function recordDuplicates(report: TImportReport, batch: TPreparedTrajectory[], duplicates: TBatchDuplicate[]) {
  for (const duplicate of duplicates) {
    const item = batch[duplicate.position]!;
    if (duplicate.reason === DUPLICATE_REASONS.otherLossFlags) report.duplicatesOtherLossFlags += 1;
    if (report.duplicateRecords.length < MAX_LISTED_DUPLICATES) {
      report.duplicateRecords.push({ line: item.line, record: item.record, externalId: item.externalId, storedId: duplicate.storedId, reason: duplicate.reason });
    }
  }
}

export function where(error: TImportError): string {
  return error.line !== null ? `line ${error.line}` : `record ${error.record}`;
}

function summary(report: TImportReport, datasetName: string): string {
  const parts = [`imported ${report.imported} trajectories (${report.turns} turns) into dataset "${datasetName}"`];
  const note = otherLossFlagsNote(report);
  if (report.duplicates) parts.push(`${report.duplicates} already stored, skipped as duplicates${note ? ` (${note})` : ""}`);
  if (report.skipped) parts.push(`${report.skipped} bad records skipped`);
  return parts.join("; ");
}

/** Duplicates whose stored twin has other loss flags are named apart: the user may have expected them to be new. */
function otherLossFlagsNote(report: TImportReport): string | null {
  return report.duplicatesOtherLossFlags > 0 ? `${report.duplicatesOtherLossFlags} with the same content and other loss flags` : null;
}

async function fileSize(filePath: string, fileName: string): Promise<number> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new ImportRequestError(`${fileName} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof ImportRequestError) throw error;
    throw new ImportRequestError(`cannot read ${fileName}: no such file`);
  }
}

/** An explicit name must be free; a name taken from the file gets a numeric suffix. */
async function chooseDatasetName(client: pg.PoolClient, explicit: string | undefined, fileName: string): Promise<string> {
  const taken = async (name: string) =>
    ((await client.query("select 1 from datasets where name = $1", [name])).rowCount ?? 0) > 0;
  if (explicit) {
    if (await taken(explicit)) throw new ImportRequestError(`--dataset: a dataset named "${explicit}" already exists; choose another name`);
    return explicit;
  }
  const base = datasetNameFromFile(fileName);
  for (let suffix = 1; ; suffix += 1) {
    const name = suffix === 1 ? base : `${base}-${suffix}`;
    if (!(await taken(name))) return name;
  }
}
