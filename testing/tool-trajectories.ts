/**
 * Stores tool-calling trajectories straight into the tables (datasets, tool_sets, trajectories, turns), the way the
 * tool-calling importers write them (contract of issue 15), for tests of what reads them: export, contamination.
 */
import { createHash } from "node:crypto";
import type pg from "pg";
import type { TFixtureTrajectory } from "@/lib/export/transform/__fixtures__/tool-calling";

export type { TFixtureTrajectory, TFixtureTurn } from "@/lib/export/transform/__fixtures__/tool-calling";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Inserts one trajectory (its dataset and tool set when new) and returns its id. */
export async function insertTrajectory(db: Pick<pg.Pool, "query">, t: TFixtureTrajectory): Promise<number> {
  await db.query(
    `insert into datasets (name, kind, source_file, format, sha256, size_bytes, imported_by)
     values ($1, $2, $1 || '.jsonl', 'openai', 'fixture', 1, 'test') on conflict (name) do nothing`,
    [t.dataset, t.kind ?? "agent"],
  );
  let toolSetId: number | null = null;
  if (t.tools) {
    const json = JSON.stringify(t.tools);
    const set = await db.query<{ id: number }>(
      `insert into tool_sets (hash, tools) values ($1, $2::jsonb) on conflict (hash) do update set hash = excluded.hash returning id`,
      [sha256(json), json],
    );
    toolSetId = set.rows[0]!.id;
  }
  const task = t.task ?? "tools";
  const taskTurn = t.turns.find((turn) => turn.isTaskTurn);
  const inserted = await db.query<{ id: string }>(
    `insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count, token_count, content_hash, reward, status, tool_set_id)
     select d.id, $2, $3, $4, $5, $6, 0, $7, $8, $9::"TrajectoryStatus", $10 from datasets d where d.name = $1 returning id::text`,
    [
      t.dataset,
      t.externalId,
      task,
      taskTurn?.rawText ?? "",
      t.turns.length,
      t.turns.filter((turn) => turn.role === "assistant").length,
      sha256(`${t.dataset}/${t.externalId}/${JSON.stringify(t.turns)}`),
      t.reward === undefined ? 1 : t.reward,
      t.status ?? "accepted",
      toolSetId,
    ],
  );
  const id = Number(inserted.rows[0]!.id);
  for (const [index, turn] of t.turns.entries()) {
    const calls = turn.toolCalls ?? null;
    await db.query(
      `insert into turns (trajectory_id, index, role, raw_text, thought, action, action_kind, loss, is_prefix, is_task_turn, tool_calls, tool_call_ids, call_syntax)
       values ($1, $2, $3::"TurnRole", $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::text[], $13)`,
      [
        id,
        index,
        turn.role,
        turn.rawText,
        turn.thought ?? null,
        turn.action ?? null,
        turn.role === "assistant" ? (calls && calls.length > 0 ? "tool_call" : "answer") : null,
        turn.loss ?? null,
        turn.isPrefix ?? false,
        turn.isTaskTurn ?? false,
        calls === null ? null : JSON.stringify(calls),
        turn.toolCallIds ?? [],
        turn.callSyntax ?? null,
      ],
    );
  }
  return id;
}
