import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { declineProposal, ZDeclineInput } from "@/lib/thresholds/decisions";
import { proposalOf } from "@/lib/thresholds/proposal-of";

export const dynamic = "force-dynamic";

const ZDecline = { scope: "thresholds:apply", params: z.object({ task: z.string(), id: ZId }), body: ZDeclineInput } as const;

/** POST /api/v1/thresholds/:task/proposals/:id/decline { note }: admins; 409 when decided already. */
export const POST = apiRoute(ZDecline, async ({ actor, params, body }) => {
  const proposalId = await proposalOf(actor, params.task, params.id);
  await declineProposal(actor, proposalId, body);
  return Response.json({ id: proposalId, state: "declined" });
});
