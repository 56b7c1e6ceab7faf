/**
 * Loads a batch of trajectories with all their turns, as the transforms need
 * them (original and current thought, flags). One round trip for the rows, one
 * for the turns: memory is one batch.
 */
import type pg from "pg";
import type { TTurnRole } from "@/lib/steps/types";
import type { TSourceTrajectory } from "./record";

type TQueryable = Pick<pg.Pool, "query">;

type TTrajectoryRow = {
  id: string;
  external_id: string;
  dataset_name: string;
  kind: "agent" | "general";
  task: string;
  source_model: string | null;
  reward: number | null;
  status: TSourceTrajectory["status"];
  instruction: string;
  content_hash: string;
};

type TTurnRow = {
  trajectory_id: string;
  index: number;
  role: TTurnRole;
  raw_text: string;
  thought: string | null;
  current_thought: string | null;
  thought_version: number;
  loss: boolean | null;
  is_prefix: boolean;
  is_task_turn: boolean;
  is_critical: boolean;
};

export async function loadSources(db: TQueryable, ids: readonly string[]): Promise<Map<string, TSourceTrajectory>> {
  const unique = [...new Set(ids)];
  const [rows, turns] = await Promise.all([
    db.query<TTrajectoryRow>(
      `select t.id::text, t.external_id, d.name as dataset_name, d.kind, t.task, t.source_model, t.reward, t.status, t.instruction, t.content_hash
         from trajectories t join datasets d on d.id = t.dataset_id where t.id = any($1::bigint[])`,
      [unique],
    ),
    db.query<TTurnRow>(
      `select trajectory_id::text, index, role, raw_text, thought, current_thought, thought_version, loss, is_prefix, is_task_turn, is_critical
         from turns where trajectory_id = any($1::bigint[]) order by trajectory_id, index`,
      [unique],
    ),
  ]);
  const byId = new Map<string, TSourceTrajectory>();
  for (const row of rows.rows) {
    byId.set(row.id, {
      id: Number(row.id),
      externalId: row.external_id,
      datasetName: row.dataset_name,
      kind: row.kind,
      task: row.task,
      sourceModel: row.source_model,
      reward: row.reward,
      status: row.status,
      instruction: row.instruction,
      contentHash: row.content_hash,
      turns: [],
    });
  }
  for (const turn of turns.rows) {
    byId.get(turn.trajectory_id)?.turns.push({
      index: turn.index,
      role: turn.role,
      rawText: turn.raw_text,
      thought: turn.thought,
      currentThought: turn.current_thought,
      thoughtVersion: turn.thought_version,
      loss: turn.loss,
      isPrefix: turn.is_prefix,
      isTaskTurn: turn.is_task_turn,
      isCritical: turn.is_critical,
    });
  }
  return byId;
}
