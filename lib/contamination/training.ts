/**
 * Training text of one trajectory id range, streamed from PostgreSQL in keyset
 * batches: only task turns and trained (loss true) turns, never fixed prefixes
 * (FORMATS.md "Contamination: what to compare"). Memory is one batch.
 */
import type pg from "pg";

export const TURN_BATCH = 2000;

export type TTrainingTurn = { trajectoryId: number; index: number; text: string };

export const COMPARED_TURNS = `(tu.is_task_turn or tu.loss is true) and not tu.is_prefix`;

export async function* trainingTurns(db: Pick<pg.Pool, "query">, fromId: number, toId: number): AsyncGenerator<TTrainingTurn[]> {
  let lastTraj = fromId - 1;
  let lastIndex = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const r = await db.query<{ trajectory_id: string; index: number; raw_text: string }>(
      `select tu.trajectory_id, tu.index, tu.raw_text from turns tu
        where tu.trajectory_id between $1 and $2 and ${COMPARED_TURNS}
          and (tu.trajectory_id, tu.index) > ($3, $4)
        order by tu.trajectory_id, tu.index limit ${TURN_BATCH}`,
      [fromId, toId, lastTraj, lastIndex === Number.MAX_SAFE_INTEGER ? 2147483647 : lastIndex],
    );
    if (r.rows.length === 0) return;
    yield r.rows.map((row) => ({ trajectoryId: Number(row.trajectory_id), index: row.index, text: row.raw_text }));
    const last = r.rows[r.rows.length - 1]!;
    lastTraj = Number(last.trajectory_id);
    lastIndex = last.index;
    if (r.rows.length < TURN_BATCH) return;
  }
}
