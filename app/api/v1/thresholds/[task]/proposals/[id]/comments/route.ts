import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { commentOnProposal, ZCommentInput } from "@/lib/thresholds/decisions";
import { proposalOf } from "@/lib/thresholds/proposal-of";

export const dynamic = "force-dynamic";

const ZComment = { scope: "thresholds:propose", params: z.object({ task: z.string(), id: ZId }), body: ZCommentInput } as const;

/** POST /api/v1/thresholds/:task/proposals/:id/comments { body }. */
export const POST = apiRoute(ZComment, async ({ actor, params, body }) => {
  const proposalId = await proposalOf(actor, params.task, params.id);
  const { id } = await commentOnProposal(actor, proposalId, body);
  return Response.json({ id, proposalId }, { status: 201 });
});
