import { apiRoute } from "@/lib/api/route";
import { commentOnProposal, ZCommentInput } from "@/lib/thresholds/decisions";
import { proposalOf, readJsonBody } from "@/lib/thresholds/http";

export const dynamic = "force-dynamic";

/** POST /api/v1/thresholds/:task/proposals/:id/comments { body }. */
export const POST = apiRoute<{ task: string; id: string }>(async ({ request, actor, params }) => {
  const proposalId = await proposalOf(actor, params);
  const { id } = await commentOnProposal(actor, proposalId, ZCommentInput.parse(await readJsonBody(request)));
  return Response.json({ id, proposalId }, { status: 201 });
});
