import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { proposeThreshold, ZProposalInput } from "@/lib/thresholds/decisions";

export const dynamic = "force-dynamic";

const ZPropose = { scope: "thresholds:propose", params: z.object({ task: z.string() }), body: ZProposalInput } as const;

/** POST /api/v1/thresholds/:task/proposals { value: 0.5 | "2/3", reason }: reviewers and admins propose. */
export const POST = apiRoute(ZPropose, async ({ actor, params, body }) => {
  const { id } = await proposeThreshold(actor, params.task, body);
  return Response.json({ id, task: params.task }, { status: 201 });
});
