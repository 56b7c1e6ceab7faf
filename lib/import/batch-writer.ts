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
 * COPY into temporary staging tables, then one INSERT ... SELECT that skips
 * trajectories whose content hash is already stored (in any dataset, or earlier
 * in this file), and the turns of those that were inserted.
 */
export class BatchWriter {
  private constructor(private readonly client: pg.PoolClient, private readonly datasetId: number) {}

  static async open(client: pg.PoolClient, datasetId: number): Promise<BatchWriter> {
    await client.query(`
      create temporary table stage_trajectories (like trajectories including defaults) on commit drop;
      create temporary table stage_turns (like turns including defaults) on commit drop;`);
    return new BatchWriter(client, datasetId);
  }

  /** Returns how many trajectories and turns were new. */
  async write(batch: TPreparedTrajectory[]): Promise<{ trajectories: number; turns: number }> {
    const ids = await this.reserveIds(batch.length);
    const trajectoryRows: TCopyValue[][] = [];
    const turnRows: TCopyValue[][] = [];
    batch.forEach((item, position) => {
      const id = ids[position]!;
      trajectoryRows.push(trajectoryRow(id, item));
      for (const turn of item.parsed.turns) {
        turnRows.push([
          id, turn.index, turn.role, storableText(turn.rawText), nullableText(turn.thought), nullableText(turn.action), turn.actionKind,
          turn.loss, turn.isPrefix, turn.isTaskTurn, turn.formatError, turn.inLoop,
        ]);
      }
    });
    await copyRows(this.client, "stage_trajectories", ["dataset_id", ...TRAJECTORY_COLUMNS], trajectoryRows.map((row) => [this.datasetId, ...row]));
    await copyRows(this.client, "stage_turns", TURN_COLUMNS, turnRows);

    const inserted = await this.client.query(`
      insert into trajectories (dataset_id, ${TRAJECTORY_COLUMNS.join(", ")})
      select dataset_id, ${TRAJECTORY_COLUMNS.join(", ")} from stage_trajectories order by id
      on conflict (content_hash) do nothing`);
    const turns = await this.client.query(`
      insert into turns (${TURN_COLUMNS.join(", ")})
      select ${TURN_COLUMNS.map((column) => `s.${column}`).join(", ")}
      from stage_turns s join trajectories t on t.id = s.trajectory_id`);
    await this.client.query("truncate stage_trajectories, stage_turns");
    return { trajectories: inserted.rowCount ?? 0, turns: turns.rowCount ?? 0 };
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
