/**
 * One range of a run (run.ts): scan its training turns as they stream in, then
 * commit the result (trajectory rows, matched test n-grams, range done) in one
 * transaction, so a crash never leaves half a range counted.
 */
import { pool, prisma } from "@/lib/db/client";
import { copyRows, type TCopyValue } from "@/lib/db/copy";
import type { TPgRow } from "@/lib/db/row";
import { withTransaction } from "@/lib/db/transaction";
import type { ContaminationRunRange } from "@/lib/generated/prisma/client";
import { JobHandedBack } from "@/lib/jobs/context";
import type { TCheckParams } from "./params";
import type { TTrainingScope } from "./run-datasets";
import type { TTextBatch } from "./range-scan";
import { openRangeScan } from "./scan-threads";
import type { TTestIndex } from "./test-index";
import { rangeRead, trainingTurns } from "./training";

/** How often a worker looks whether its run was cancelled (between batches). */
const CANCEL_CHECK_MS = 500;

/** A range as its claim returns it; claimedAt is never null there (the claim sets it). */
export type TClaimedRange = TPgRow<Pick<ContaminationRunRange, "id" | "fromId" | "toId">> & { claimedAt: Date };
export type TScannedRange = { results: TCopyValue[][]; matched: number[]; bytes: number };

/**
 * Scans one range; null if the run was cancelled meanwhile (the range is left for nobody).
 * stopping: the worker is stopping, so the scan throws JobHandedBack between batches (the range re-runs elsewhere).
 * The turns are read here and scanned where openRangeScan says (scan threads, or this thread).
 */
export async function scanRange(
  index: TTestIndex,
  params: TCheckParams,
  scope: TTrainingScope,
  runId: number,
  range: TClaimedRange,
  stopping: () => boolean = () => false,
): Promise<TScannedRange | null> {
  const scan = openRangeScan(index, params);
  try {
    let checked = performance.now();
    const [from, to] = [Number(range.fromId), Number(range.toId)];
    for await (const turns of trainingTurns(pool(), from, to, await rangeRead(pool(), from, to, scope))) {
      const batch: TTextBatch = { ids: [], texts: [] };
      for (const turn of turns) {
        // A turn with nothing to compare still makes its trajectory a checked one (0 tokens).
        for (const text of turn.texts.length ? turn.texts : [""]) {
          batch.ids.push(turn.trajectoryId);
          batch.texts.push(text);
        }
      }
      await scan.add(batch);
      if (stopping()) throw new JobHandedBack();
      if (performance.now() - checked < CANCEL_CHECK_MS) continue;
      checked = performance.now();
      const run = await prisma().contaminationRun.findUnique({ where: { id: runId }, select: { state: true } });
      if (run?.state !== "running") {
        scan.drop();
        return null;
      }
    }
    const scanned = await scan.finish();
    return {
      results: scanned.trajectories.map((t) => [runId, t.trajectoryId, t.tokens, t.covered, t.rate, t.label, `{${t.items.join(",")}}`]),
      matched: scanned.matched,
      bytes: scanned.bytes,
    };
  } catch (error) {
    scan.drop();
    throw error;
  }
}

export async function commitRange(runId: number, range: TClaimedRange, scope: TTrainingScope, scanned: TScannedRange): Promise<void> {
  await withTransaction(async (client) => {
    const mine = await client.query(
      `update contamination_run_ranges set state = 'done', matched = $3 where id = $1 and state = 'running' and claimed_at = $2`,
      [range.id, range.claimedAt, scanned.matched],
    );
    if (!mine.rowCount) return; // reclaimed by another worker: its result counts, not ours
    await client.query(`delete from contamination_trajectory_results where run_id = $1 and trajectory_id between $2 and $3`, [runId, range.fromId, range.toId]);
    await copyRows(client, "contamination_trajectory_results", ["run_id", "trajectory_id", "tokens", "covered", "rate", "label", "items"], scanned.results);
    const trajectories = await client.query<{ n: number }>(
      `select count(*)::int as n from trajectories where id between $1 and $2 and dataset_id = any($3::int[])`,
      [range.fromId, range.toId, scope.datasetIds],
    );
    await client.query(
      `update contamination_runs set done_ranges = done_ranges + 1, done_trajectories = done_trajectories + $2, bytes_scanned = bytes_scanned + $3 where id = $1`,
      [runId, trajectories.rows[0]!.n, scanned.bytes],
    );
  });
}
