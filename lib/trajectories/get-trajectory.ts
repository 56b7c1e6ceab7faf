import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";

export type TTurnDetail = {
  id: string;
  index: number;
  role: "system" | "user" | "assistant" | "observation";
  /** As imported; cut to `maxTurnChars` when asked (then `truncated` is true). */
  rawText: string;
  /** Size of the whole raw text in bytes (UTF-8). */
  rawBytes: number;
  truncated: boolean;
  thought: string | null;
  action: string | null;
  actionKind: string | null;
  loss: boolean | null;
  isPrefix: boolean;
  isTaskTurn: boolean;
  isCritical: boolean;
  formatError: string | null;
  inLoop: boolean;
  /** 0 = the imported thought; the current text is `currentThought ?? thought`. */
  thoughtVersion: number;
  currentThought: string | null;
};

export type TReviewDetail = { reviewer: string; decision: "accepted" | "rejected"; reasons: string[]; comment: string | null; updatedAt: string };

export type TTrajectoryDetail = {
  id: string;
  externalId: string;
  dataset: { id: number; name: string; kind: string; format: string };
  task: string;
  sourceModel: string | null;
  origin: string;
  reward: number | null;
  success: boolean | null;
  runStatus: string | null;
  status: "pending" | "accepted" | "rejected";
  instruction: string;
  turnCount: number;
  stepCount: number;
  tokenCount: number;
  formatErrorCount: number;
  loopStartTurn: number | null;
  contaminationLabel: string | null;
  contaminationRate: number | null;
  reviewCount: number;
  lastReviewer: string | null;
  version: number;
  thoughtRewritten: boolean;
  reviews: TReviewDetail[];
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  turns: TTurnDetail[];
};

/**
 * A trajectory with its turns in order. `maxTurnChars` bounds what a page
 * sends to the browser for observations of hundreds of KB; the rest is
 * fetched on demand with `getTurnText`.
 */
export async function getTrajectory(actor: TActor, id: string, options: { maxTurnChars?: number } = {}): Promise<TTrajectoryDetail | null> {
  assertCan(actor, "trajectories:read");
  if (!/^\d{1,18}$/.test(id)) return null;
  const head = await pool().query(
    `select t.*, t.id::text as id, d.name as dataset_name, d.kind as dataset_kind, d.format as dataset_format
       from trajectories t join datasets d on d.id = t.dataset_id where t.id = $1`,
    [id],
  );
  const row = head.rows[0];
  if (!row) return null;
  const limit = options.maxTurnChars ?? null;
  const turns = await pool().query(
    // octet_length reads the stored size without decompressing; length() would inflate every large text.
    `select id::text, index, role, ${limit ? "left(raw_text, $2)" : "raw_text"} as raw_text, octet_length(raw_text) as raw_bytes,
            ${limit ? "length(left(raw_text, $2 + 1)) > $2" : "false"} as truncated,
            thought, action, action_kind, loss, is_prefix, is_task_turn, is_critical, format_error, in_loop,
            thought_version, current_thought
       from turns where trajectory_id = $1 order by index`,
    limit ? [id, limit] : [id],
  );
  const reviews = await pool().query(
    `select u.email as reviewer, r.decision, r.reasons, r.comment, r.updated_at
       from reviews r join users u on u.id = r.reviewer_id where r.trajectory_id = $1 order by r.created_at`,
    [id],
  );
  return {
    id: row.id,
    externalId: row.external_id,
    dataset: { id: row.dataset_id, name: row.dataset_name, kind: row.dataset_kind, format: row.dataset_format },
    task: row.task,
    sourceModel: row.source_model,
    origin: row.origin,
    reward: row.reward,
    success: row.success,
    runStatus: row.run_status,
    status: row.status,
    instruction: row.instruction,
    turnCount: row.turn_count,
    stepCount: row.step_count,
    tokenCount: row.token_count,
    formatErrorCount: row.format_error_count,
    loopStartTurn: row.loop_start_turn,
    contaminationLabel: row.contamination_label,
    contaminationRate: row.contamination_rate,
    reviewCount: row.review_count,
    lastReviewer: row.last_reviewer,
    version: row.version,
    thoughtRewritten: row.thought_rewritten,
    reviews: reviews.rows.map((review) => ({
      reviewer: review.reviewer,
      decision: review.decision,
      reasons: review.reasons,
      comment: review.comment,
      updatedAt: review.updated_at.toISOString(),
    })),
    metadata: row.metadata,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    turns: turns.rows.map((turn) => ({
      id: turn.id,
      index: turn.index,
      role: turn.role,
      rawText: turn.raw_text,
      rawBytes: turn.raw_bytes,
      truncated: turn.truncated,
      thought: turn.thought,
      action: turn.action,
      actionKind: turn.action_kind,
      loss: turn.loss,
      isPrefix: turn.is_prefix,
      isTaskTurn: turn.is_task_turn,
      isCritical: turn.is_critical,
      formatError: turn.format_error,
      inLoop: turn.in_loop,
      thoughtVersion: turn.thought_version,
      currentThought: turn.current_thought,
    })),
  };
}

/** The whole raw text of one turn ("show all" on a long observation). */
export async function getTurnText(actor: TActor, trajectoryId: string, index: number): Promise<string | null> {
  assertCan(actor, "trajectories:read");
  if (!/^\d{1,18}$/.test(trajectoryId)) return null;
  const result = await pool().query<{ raw_text: string }>(
    "select raw_text from turns where trajectory_id = $1 and index = $2",
    [trajectoryId, index],
  );
  return result.rows[0]?.raw_text ?? null;
}
