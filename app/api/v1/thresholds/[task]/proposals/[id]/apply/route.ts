import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { applyProposal, ZApplyInput } from "@/lib/thresholds/decisions";
import { proposalOf } from "@/lib/thresholds/proposal-of";

export const dynamic = "force-dynamic";

const ZApply = { scope: "thresholds:apply", params: z.object({ task: z.string(), id: ZId }), body: ZApplyInput } as const;

/** POST /api/v1/thresholds/:task/proposals/:id/apply { note?, version? }: admins; 409 when decided already or `version` is stale. */
export const POST = apiRoute(ZApply, async ({ actor, params, body }) =>
  Response.json(await applyProposal(actor, await proposalOf(actor, params.task, params.id), body)),
);
