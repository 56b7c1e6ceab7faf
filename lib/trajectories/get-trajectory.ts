import { assertCan, type TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { columnsAs, type TPgRow, type TPlain } from "@/lib/db/row";
import type { TToolDeclaration } from "@/lib/formats/types";
import type { Prisma, Review, Turn } from "@/lib/generated/prisma/client";
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

const DETAIL_SELECT = {
  id: true, externalId: true, task: true, sourceModel: true, origin: true, reward: true, success: true, runStatus: true, status: true,
  instruction: true, turnCount: true, stepCount: true, tokenCount: true, formatErrorCount: true, loopStartTurn: true,
  contaminationLabel: true, contaminationRate: true, reviewCount: true, lastReviewer: true, version: true, thoughtRewritten: true,
  metadata: true, createdAt: true, updatedAt: true,
  dataset: { select: { id: true, name: true, kind: true, format: true } },
  toolSet: { select: { tools: true } },
} as const satisfies Prisma.TrajectorySelect;
type TDetailRow = Prisma.TrajectoryGetPayload<{ select: typeof DETAIL_SELECT }>;

export type TTrajectoryDetail = TPlain<Omit<TDetailRow, "dataset" | "metadata" | "toolSet">> & {
  dataset: TDetailRow["dataset"];
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
 */
export async function getTrajectory(actor: TActor, id: string, options: { maxTurnChars?: number } = {}): Promise<TTrajectoryDetail | null> {
  assertCan(actor, "trajectories:read");
  if (!/^\d{1,18}$/.test(id)) return null;
  const row = await prisma().trajectory.findUnique({ where: { id: BigInt(id) }, select: DETAIL_SELECT });
  if (!row) return null;
  const [turns, reviews] = await Promise.all([loadTurns(id, options.maxTurnChars ?? null), loadReviews(row.id)]);
  const { dataset, metadata, toolSet, ...fields } = row;
  return {
    ...fields,
    id: row.id.toString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    dataset,
    metadata: metadata as Record<string, unknown>,
    tools: (toolSet?.tools ?? []) as TToolDeclaration[],
    reviews,
    turns,
  };
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

/** One query on the pool: every replay and API fetch reads this, and a Prisma call would compile its plan each time. */
async function loadReviews(trajectoryId: bigint): Promise<TReviewDetail[]> {
  const result = await pool().query<Omit<TReviewDetail, "updatedAt"> & { updatedAt: Date }>(
    `select coalesce(u.email, '') as reviewer, r.decision::text as decision, r.reasons, r.comment, r.updated_at as "updatedAt"
       from reviews r left join users u on u.id = r.reviewer_id
      where r.trajectory_id = $1 order by r.created_at, r.id`,
    [trajectoryId.toString()],
  );
  return result.rows.map((review) => ({ ...review, updatedAt: review.updatedAt.toISOString() }));
}

/** The whole raw text of one turn ("show all" on a long observation). */
export async function getTurnText(actor: TActor, trajectoryId: string, index: number): Promise<string | null> {
  assertCan(actor, "trajectories:read");
  if (!/^\d{1,18}$/.test(trajectoryId)) return null;
  const turn = await prisma().turn.findUnique({ where: { trajectoryId_index: { trajectoryId: BigInt(trajectoryId), index } }, select: { rawText: true } });
  return turn?.rawText ?? null;
}
