import type pg from "pg";
import { copyRows, type TCopyValue } from "@/lib/db/copy";
import type { TPreparedTrajectory } from "./prepare-trajectory";

const TRAJECTORY_COLUMNS = [
  "id", "external_id", "task", "source_model", "origin", "reward", "success", "run_status", "instruction",
  "turn_count", "step_count", "token_count", "format_error_count", "loop_start_turn", "content_hash", "metadata",
];
const TURN_COLUMNS = [
  "trajectory_id", "index", "role", "raw_text", "thought", "action", "action_kind", "loss",
  "is_prefix", "is_task_turn", "format_error", "in_loop",
];

/**
 * Writes prepared trajectories into one dataset inside the caller's transaction:
 * trajectory rows are COPYed into a temporary staging table and moved with one
 * INSERT ... SELECT that skips content hashes already stored (in any dataset, or
 * earlier in this file); then only the turns of the inserted trajectories are
 * COPYed straight into `turns` (turn text, the bulk of the bytes, is written once).
 */
export class BatchWriter {
  private constructor(private readonly client: pg.PoolClient, private readonly datasetId: number) {}

  static async open(client: pg.PoolClient, datasetId: number): Promise<BatchWriter> {
    await client.query(`
      create temporary table stage_trajectories (like trajectories including defaults) on commit drop;`);
    return new BatchWriter(client, datasetId);
  }

  /** Returns how many trajectories and turns were new. */
  async write(batch: TPreparedTrajectory[]): Promise<{ trajectories: number; turns: number }> {
    const ids = await this.reserveIds(batch.length);
    const trajectoryRows = batch.map((item, position) => [this.datasetId, ...trajectoryRow(ids[position]!, item)]);
    await copyRows(this.client, "stage_trajectories", ["dataset_id", ...TRAJECTORY_COLUMNS], trajectoryRows);
    const inserted = await this.client.query<{ id: string }>(`
      insert into trajectories (dataset_id, ${TRAJECTORY_COLUMNS.join(", ")})
      select dataset_id, ${TRAJECTORY_COLUMNS.join(", ")} from stage_trajectories order by id
      on conflict (content_hash) do nothing
      returning id::text`);
    await this.client.query("truncate stage_trajectories");

    const insertedIds = new Set(inserted.rows.map((row) => row.id));
    const turnRows: TCopyValue[][] = [];
    batch.forEach((item, position) => {
      const id = ids[position]!;
      if (!insertedIds.has(id)) return;
      for (const turn of item.parsed.turns) {
        turnRows.push([
          id, turn.index, turn.role, storableText(turn.rawText), nullableText(turn.thought), nullableText(turn.action),
          turn.actionKind, turn.loss, turn.isPrefix, turn.isTaskTurn, turn.formatError, turn.inLoop,
        ]);
      }
    });
    await copyRows(this.client, "turns", TURN_COLUMNS, turnRows);
    return { trajectories: insertedIds.size, turns: turnRows.length };
  }

  private async reserveIds(count: number): Promise<string[]> {
    const result = await this.client.query<{ id: string }>(
      "select nextval(pg_get_serial_sequence('trajectories', 'id'))::text as id from generate_series(1, $1)",
      [count],
    );
    return result.rows.map((row) => row.id);
  }
}

function trajectoryRow(id: string, item: TPreparedTrajectory): TCopyValue[] {
  const parsed = item.parsed;
  return [
    id, storableText(item.externalId), item.task, item.sourceModel, item.origin, item.reward, item.success, item.runStatus,
    storableText(parsed.instruction), parsed.turns.length, parsed.stepCount, parsed.tokenCount, parsed.formatErrorCount,
    parsed.loopStartTurn, item.contentHash, storableText(JSON.stringify(item.metadata)),
  ];
}

function nullableText(text: string | null): string | null {
  return text === null ? null : storableText(text);
}

/** PostgreSQL text cannot hold NUL; it is the one byte stored as U+2400 (␀) instead. */
function storableText(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\u2400") : text;
}
