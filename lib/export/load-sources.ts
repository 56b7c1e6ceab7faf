/**
 * Loads a batch of trajectories with all their turns, as the transforms need
 * them (original and current thought, flags, tool calls, declared tools). One round trip for the rows, one
 * for the turns: memory is one batch.
 */
import type pg from "pg";
import { columnsAs } from "@/lib/db/row";
import type { TSourceTrajectory, TSourceTurn } from "./record";

type TQueryable = Pick<pg.Pool, "query">;

const TURN_FIELDS = [
  "index", "role", "rawText", "thought", "currentThought", "thoughtVersion", "loss", "isPrefix", "isTaskTurn", "isCritical",
  "toolCalls", "toolCallIds", "callSyntax",
] as const satisfies readonly (keyof TSourceTurn)[];
const TRAJECTORY_FIELDS = ["task", "sourceModel", "reward", "status", "instruction", "contentHash"] as const;

type TTrajectoryRow = Omit<TSourceTrajectory, "id" | "turns"> & { id: string };
type TTurnRow = TSourceTurn & { trajectoryId: string };

export async function loadSources(db: TQueryable, ids: readonly string[]): Promise<Map<string, TSourceTrajectory>> {
  const unique = [...new Set(ids)];
  const [rows, turns] = await Promise.all([
    db.query<TTrajectoryRow>(
      `select t.id::text, t.external_id as "externalId", d.name as "datasetName", d.kind, ${columnsAs("t", TRAJECTORY_FIELDS)}, s.tools
         from trajectories t join datasets d on d.id = t.dataset_id left join tool_sets s on s.id = t.tool_set_id
        where t.id = any($1::bigint[])`,
      [unique],
    ),
    db.query<TTurnRow>(
      `select u.trajectory_id::text as "trajectoryId", ${columnsAs("u", TURN_FIELDS)}
         from turns u where trajectory_id = any($1::bigint[]) order by u.trajectory_id, u.index`,
      [unique],
    ),
  ]);
  const byId = new Map<string, TSourceTrajectory>();
  for (const row of rows.rows) byId.set(row.id, { ...row, id: Number(row.id), turns: [] });
  for (const { trajectoryId, ...turn } of turns.rows) byId.get(trajectoryId)?.turns.push(turn);
  return byId;
}
