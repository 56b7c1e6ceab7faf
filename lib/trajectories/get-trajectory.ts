import { assertCan, type TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { columnsAs, type TPgRow, type TPlain } from "@/lib/db/row";
import type { Prisma, Review, Turn } from "@/lib/generated/prisma/client";

const TURN_FIELDS = [
  "index", "role", "thought", "action", "actionKind", "loss", "isPrefix", "isTaskTurn", "isCritical", "formatError", "inLoop",
  "thoughtVersion", "currentThought", "toolCalls", "toolCallIds", "callSyntax",
] as const satisfies readonly (keyof Turn)[];

/**
 * A turn as the replay shows it. `rawText` is as imported, cut to `maxTurnChars` when asked (then
 * `truncated` is true); `rawBytes` is the whole raw text's UTF-8 size. The current thought is
 * `currentThought ?? thought` (thoughtVersion 0 = the imported one).
 */
export type TTurnDetail = TPgRow<Pick<Turn, "id" | "rawText" | (typeof TURN_FIELDS)[number]>> & { rawBytes: number; truncated: boolean };

export type TReviewDetail = TPlain<Pick<Review, "decision" | "reasons" | "comment" | "updatedAt">> & { reviewer: string };

const DETAIL_SELECT = {
  id: true, externalId: true, task: true, sourceModel: true, origin: true, reward: true, success: true, runStatus: true, status: true,
  instruction: true, turnCount: true, stepCount: true, tokenCount: true, formatErrorCount: true, loopStartTurn: true,
  contaminationLabel: true, contaminationRate: true, reviewCount: true, lastReviewer: true, version: true, thoughtRewritten: true,
  metadata: true, createdAt: true, updatedAt: true,
  dataset: { select: { id: true, name: true, kind: true, format: true } },
  // The declared tools (one row per distinct list), for the replay's Tools panel.
  toolSet: { select: { tools: true } },
} as const satisfies Prisma.TrajectorySelect;
type TDetailRow = Prisma.TrajectoryGetPayload<{ select: typeof DETAIL_SELECT }>;

export type TTrajectoryDetail = TPlain<Omit<TDetailRow, "dataset" | "metadata">> & {
  dataset: TDetailRow["dataset"];
  metadata: Record<string, unknown>;
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
  const { dataset, metadata, ...fields } = row;
  return {
    ...fields,
    id: row.id.toString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    dataset,
    metadata: metadata as Record<string, unknown>,
    reviews,
    turns,
  };
}

/** SQL rather than Prisma: the text is cut and measured in the database, so a large observation is never sent whole. */
async function loadTurns(trajectoryId: string, limit: number | null): Promise<TTurnDetail[]> {
  const result = await pool().query<TTurnDetail>(
    // octet_length reads the stored size without decompressing; length() would inflate every large text.
    `select t.id::text as id, ${columnsAs("t", TURN_FIELDS)},
            ${limit ? "left(t.raw_text, $2)" : "t.raw_text"} as "rawText", octet_length(t.raw_text) as "rawBytes",
            ${limit ? "length(left(t.raw_text, $2 + 1)) > $2" : "false"} as truncated
       from turns t where t.trajectory_id = $1 order by t.index`,
    limit ? [trajectoryId, limit] : [trajectoryId],
  );
  return result.rows;
}

async function loadReviews(trajectoryId: bigint): Promise<TReviewDetail[]> {
  const reviews = await prisma().review.findMany({ where: { trajectoryId }, orderBy: { createdAt: "asc" } });
  const reviewers = await prisma().user.findMany({ where: { id: { in: reviews.map((review) => review.reviewerId) } }, select: { id: true, email: true } });
  const emailOf = new Map(reviewers.map((user) => [user.id, user.email]));
  return reviews.map((review) => ({
    reviewer: emailOf.get(review.reviewerId) ?? "",
    decision: review.decision,
    reasons: review.reasons,
    comment: review.comment,
    updatedAt: review.updatedAt.toISOString(),
  }));
}

/** The whole raw text of one turn ("show all" on a long observation). */
export async function getTurnText(actor: TActor, trajectoryId: string, index: number): Promise<string | null> {
  assertCan(actor, "trajectories:read");
  if (!/^\d{1,18}$/.test(trajectoryId)) return null;
  const turn = await prisma().turn.findUnique({ where: { trajectoryId_index: { trajectoryId: BigInt(trajectoryId), index } }, select: { rawText: true } });
  return turn?.rawText ?? null;
}
