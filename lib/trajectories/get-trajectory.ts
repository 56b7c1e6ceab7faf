import { assertCan, type TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { columnsAs, type TPgRow, type TPlain } from "@/lib/db/row";
import type { TToolDeclaration } from "@/lib/formats/types";
import type { Dataset, Review, Trajectory, TrajectoryContamination, Turn } from "@/lib/generated/prisma/client";
import type { TToolCall } from "@/lib/steps/types";

const TURN_FIELDS = [
  "index", "role", "thought", "action", "actionKind", "loss", "isPrefix", "isTaskTurn", "isCritical", "formatError", "inLoop",
  "thoughtVersion", "currentThought", "toolCallIds", "callSyntax",
] as const satisfies readonly (keyof Turn)[];

/**
 * A turn as the replay shows it. `rawText` is as imported, cut to `maxTurnChars` when asked (then
 * `truncated` is true); `rawBytes` is the whole raw text's UTF-8 size. The current thought is
 * `currentThought ?? thought` (thoughtVersion 0 = the imported one).
 * Tool calling: `toolCalls` are the step's calls with `arguments` exactly as imported ([] for ReAct
 * steps and other turns); `toolCallIds` the calls an observation answers ([] otherwise).
 */
export type TTurnDetail = TPgRow<Pick<Turn, "id" | "rawText" | (typeof TURN_FIELDS)[number]>> & {
  rawBytes: number;
  truncated: boolean;
  toolCalls: TToolCall[];
};

export type TReviewDetail = TPlain<Pick<Review, "decision" | "reasons" | "comment" | "updatedAt">> & { reviewer: string };

// Two lists around the contamination label and rate (read from their own table), so the keys keep their order.
const DETAIL_FIELDS = [
  "externalId", "task", "sourceModel", "origin", "reward", "success", "runStatus", "status", "instruction", "turnCount", "stepCount",
  "tokenCount", "formatErrorCount", "loopStartTurn",
] as const satisfies readonly (keyof Trajectory)[];
const DETAIL_FIELDS_AFTER_LABEL = ["reviewCount", "lastReviewer", "version", "thoughtRewritten", "metadata", "createdAt", "updatedAt"] as const;
type TDetailFields = Pick<Trajectory, (typeof DETAIL_FIELDS)[number] | (typeof DETAIL_FIELDS_AFTER_LABEL)[number]> & {
  /** The newest check's label and rate; null when no check has compared it (lib/contamination/finish.ts). */
  contaminationLabel: TrajectoryContamination["label"] | null;
  contaminationRate: TrajectoryContamination["rate"] | null;
};
type TDetailRow = TPgRow<TDetailFields> & { id: string; dataset: TDatasetSummary; tools: TToolDeclaration[]; reviews: TReviewDetail[] };

type TDatasetSummary = Pick<Dataset, "id" | "name" | "kind" | "format">;

export type TTrajectoryDetail = TPlain<Omit<TDetailFields, "metadata">> & {
  id: string;
  dataset: TDatasetSummary;
  metadata: Record<string, unknown>;
  /** The tools the run declared (OpenAI function shape); [] when it declared none. */
  tools: TToolDeclaration[];
  reviews: TReviewDetail[];
  turns: TTurnDetail[];
};

/**
 * A trajectory with its turns in order. `maxTurnChars` bounds what a page
 * sends to the browser for observations of hundreds of KB; the rest is
 * fetched on demand with `getTurnText`.
 * Two queries on the pool, in parallel: every replay and every API fetch of the review
 * queue runs this, and a Prisma call would compile its plan on the event loop each time.
 */
export async function getTrajectory(actor: TActor, id: string, options: { maxTurnChars?: number } = {}): Promise<TTrajectoryDetail | null> {
  assertCan(actor, "trajectories:read");
  if (!/^\d{1,18}$/.test(id)) return null;
  const [row, turns] = await Promise.all([loadTrajectory(id), loadTurns(id, options.maxTurnChars ?? null)]);
  if (!row) return null;
  // Keys in the order the API has always sent them (metadata after dataset).
  const { dataset, metadata, tools, reviews, ...fields } = row;
  const times = { createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
  return { ...fields, ...times, dataset, metadata: metadata as Record<string, unknown>, tools, reviews, turns };
}

/** The trajectory's fields, its dataset, its declared tools and every decision on it in the order made. */
async function loadTrajectory(id: string): Promise<TDetailRow | null> {
  const result = await pool().query<TDetailRow>(
    `select t.id::text as id, ${columnsAs("t", DETAIL_FIELDS)}, c.label as "contaminationLabel", c.rate as "contaminationRate",
            ${columnsAs("t", DETAIL_FIELDS_AFTER_LABEL)},
            json_build_object('id', d.id, 'name', d.name, 'kind', d.kind, 'format', d.format) as dataset,
            coalesce(nullif(s.tools, 'null'::jsonb), '[]'::jsonb) as tools,
            coalesce((
              select json_agg(json_build_object(
                       'reviewer', coalesce(u.email, ''), 'decision', r.decision, 'reasons', r.reasons, 'comment', r.comment,
                       'updatedAt', ${isoTime("r.updated_at")}) order by r.created_at, r.id)
                from reviews r left join users u on u.id = r.reviewer_id
               where r.trajectory_id = t.id), '[]'::json) as reviews
       from trajectories t
       join datasets d on d.id = t.dataset_id
       left join tool_sets s on s.id = t.tool_set_id
       left join trajectory_contamination c on c.trajectory_id = t.id
      where t.id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

/** A stored time (timestamp(3), UTC) as the ISO string the API sends, formatted in SQL inside a JSON value. */
function isoTime(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** SQL rather than Prisma: the text is cut and measured in the database, so a large observation is never sent whole. */
async function loadTurns(trajectoryId: string, limit: number | null): Promise<TTurnDetail[]> {
  const result = await pool().query<TTurnDetail>(
    // octet_length reads the stored size without decompressing; length() would inflate every large text.
    `select t.id::text as id, ${columnsAs("t", TURN_FIELDS)}, coalesce(t.tool_calls, '[]'::jsonb) as "toolCalls",
            ${limit ? "left(t.raw_text, $2)" : "t.raw_text"} as "rawText", octet_length(t.raw_text) as "rawBytes",
            ${limit ? "length(left(t.raw_text, $2 + 1)) > $2" : "false"} as truncated
       from turns t where t.trajectory_id = $1 order by t.index`,
    limit ? [trajectoryId, limit] : [trajectoryId],
  );
  return result.rows;
}

/** The whole raw text of one turn ("show all" on a long observation). */
export async function getTurnText(actor: TActor, trajectoryId: string, index: number): Promise<string | null> {
  assertCan(actor, "trajectories:read");
  if (!/^\d{1,18}$/.test(trajectoryId)) return null;
  const turn = await prisma().turn.findUnique({ where: { trajectoryId_index: { trajectoryId: BigInt(trajectoryId), index } }, select: { rawText: true } });
  return turn?.rawText ?? null;
}
