import { apiRoute } from "@/lib/api/route";
import { applyProposal, ZApplyInput } from "@/lib/thresholds/decisions";
import { conflictsAs409, proposalOf, readJsonBody } from "@/lib/thresholds/http";

export const dynamic = "force-dynamic";

/** POST /api/v1/thresholds/:task/proposals/:id/apply { note?, version? }: admins; 409 when decided already or `version` is stale. */
export const POST = apiRoute<{ task: string; id: string }>(async ({ request, actor, params }) =>
  conflictsAs409(async () => {
    const proposalId = await proposalOf(actor, params);
    return Response.json(await applyProposal(actor, proposalId, ZApplyInput.parse(await readJsonBody(request))));
  }),
);
