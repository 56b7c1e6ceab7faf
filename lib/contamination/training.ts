/**
 * Training text of one trajectory id range, streamed from PostgreSQL in keyset
 * batches: only the compared turns of the run's datasets. The next batch is
 * fetched while the caller scans the current one, so the database and the scan
 * work at the same time; memory is two batches.
 */
import type pg from "pg";
import type { TPgRow } from "@/lib/db/row";
import { trainedByDefaultSql } from "@/lib/export/transform/loss-mask";
import { nativeTrajectorySql, trainedTexts } from "@/lib/export/transform/trained-text";
import type { Turn } from "@/lib/generated/prisma/client";
import type { TCallSyntax, TToolCall } from "@/lib/steps/types";
import type { TTrainingScope } from "./run-datasets";

/** Turns per round trip; CONTAMINATION_TURN_BATCH sets it (tests use small batches so a range takes seconds). */
export function turnBatch(value = process.env.CONTAMINATION_TURN_BATCH): number {
  if (!value) return 4000;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`CONTAMINATION_TURN_BATCH: "${value}" is not a whole number of at least 1`);
  return parsed;
}

/** `texts`: what a trainer learns from the turn (lib/export/transform/trained-text.ts), each part compared on its own. */
export type TTrainingTurn = { trajectoryId: number; index: number; texts: string[] };

/*
 * Which turns are training text (FORMATS.md "Contamination: what to compare"):
 * the task turn and every turn an export with the default loss mask trains
 * (lib/export/transform/loss-mask.ts: a turn's loss flag, or, without one, the
 * trainers' default of every assistant reply, as in FireAct, OpenAI messages,
 * ADP and ETO data), never fixed prefixes or in-context examples. General data
 * (ShareGPT chat): in a chat mix every human and assistant turn is trained
 * text (the model learns to continue whole conversations), so there every
 * non-prefix turn but system prompts counts too. Of each turn, what the export
 * trains is compared: for native tool calling the reasoning, the content and
 * every call's arguments (trainedTexts), for everything else its raw text.
 */
const TRAINED = trainedByDefaultSql("tu");
const AGENT_TURNS = `not tu.is_prefix and (tu.is_task_turn or ${TRAINED})`;
const GENERAL_TURNS = `not tu.is_prefix and (tu.is_task_turn or ${TRAINED} or tu.role <> 'system')`;

/** Both rules at once, for `tu` (turns) joined to `t` (trajectories); `generalIds` is the SQL of an int[] of general datasets. */
export function comparedTurns(generalIds: string): string {
  return `not tu.is_prefix and (tu.is_task_turn or ${TRAINED} or (t.dataset_id = any(${generalIds}) and tu.role <> 'system'))`;
}

/**
 * How a range is read. Runs plan their ranges inside one dataset each
 * (run.ts), so the turns can be read without joining trajectories (a join
 * makes PostgreSQL sort the whole range for every batch: 3x slower); a range
 * mixing datasets (from a run planned before) takes the join.
 */
export type TRangeRead = { kind: "agent" | "general" } | { kind: "mixed"; scope: TTrainingScope };

export async function rangeRead(db: Pick<pg.Pool, "query">, fromId: number, toId: number, scope: TTrainingScope): Promise<TRangeRead> {
  const r = await db.query<{ ids: number[] }>(`select array_agg(distinct dataset_id) as ids from trajectories where id between $1 and $2`, [fromId, toId]);
  const ids = r.rows[0]?.ids ?? [];
  if (ids.length === 1 && scope.datasetIds.includes(ids[0]!)) return { kind: scope.generalIds.includes(ids[0]!) ? "general" : "agent" };
  return { kind: "mixed", scope };
}

type TRow = TPgRow<Pick<Turn, "trajectoryId" | "index" | "role" | "rawText" | "thought">> & {
  toolCalls: TToolCall[] | null;
  callSyntax: TCallSyntax | null;
  nativeTrajectory: boolean;
};

/**
 * The columns trainedTexts reads. Whether the trajectory is native tool calling matters only for an assistant
 * turn without a call syntax of its own (a final answer, whose reasoning then sits beside the text).
 */
export const TRAINED_TEXT_COLUMNS = `tu.role, tu.raw_text as "rawText", tu.thought, tu.tool_calls as "toolCalls", tu.call_syntax as "callSyntax",
  (tu.role = 'assistant' and tu.call_syntax is null and ${nativeTrajectorySql("tu")}) as "nativeTrajectory"`;

export async function* trainingTurns(db: Pick<pg.Pool, "query">, fromId: number, toId: number, read: TRangeRead): AsyncGenerator<TTrainingTurn[]> {
  const batch = turnBatch();
  const where =
    read.kind === "mixed"
      ? `t.id between $1 and $2 and t.dataset_id = any($5::int[]) and ${comparedTurns("$6::int[]")}`
      : read.kind === "general"
        ? GENERAL_TURNS
        : AGENT_TURNS;
  const sql = `select tu.trajectory_id as "trajectoryId", tu.index, ${TRAINED_TEXT_COLUMNS} from turns tu ${read.kind === "mixed" ? "join trajectories t on t.id = tu.trajectory_id" : ""}
                where tu.trajectory_id between $1 and $2 and ${where} and (tu.trajectory_id, tu.index) > ($3, $4)
                order by tu.trajectory_id, tu.index limit ${batch}`;
  const extra = read.kind === "mixed" ? [read.scope.datasetIds, read.scope.generalIds] : [];
  const fetch = (afterTraj: number, afterIndex: number) => {
    const rows = db.query<TRow>(sql, [fromId, toId, afterTraj, afterIndex, ...extra]).then((r) => r.rows);
    // A consumer that stops early (cancelled run) leaves the prefetch unread: never an unhandled rejection.
    rows.catch(() => {});
    return rows;
  };
  let next: Promise<TRow[]> | null = fetch(fromId - 1, 2147483647);
  while (next) {
    const rows: TRow[] = await next;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    next = rows.length < batch ? null : fetch(Number(last.trajectoryId), last.index);
    // The pool sends a query on a later tick: let it go out before the caller scans, or nothing overlaps.
    if (next) await new Promise((resolve) => setImmediate(resolve));
    yield rows.map((row) => ({ trajectoryId: Number(row.trajectoryId), index: row.index, texts: trainedTexts(row, row.nativeTrajectory) }));
  }
}
