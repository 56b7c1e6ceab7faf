import { apiRoute } from "@/lib/api/route";
import { declineProposal, ZDeclineInput } from "@/lib/thresholds/decisions";
import { conflictsAs409, proposalOf, readJsonBody } from "@/lib/thresholds/http";

export const dynamic = "force-dynamic";

/** POST /api/v1/thresholds/:task/proposals/:id/decline { note }: admins; 409 when decided already. */
export const POST = apiRoute<{ task: string; id: string }>(async ({ request, actor, params }) =>
  conflictsAs409(async () => {
    const proposalId = await proposalOf(actor, params);
    await declineProposal(actor, proposalId, ZDeclineInput.parse(await readJsonBody(request)));
    return Response.json({ id: proposalId, state: "declined" });
  }),
);
