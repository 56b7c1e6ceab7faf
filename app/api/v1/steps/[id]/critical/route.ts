import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZBigId } from "@/lib/api/schemas";
import { markCritical } from "@/lib/review/thoughts";

export const dynamic = "force-dynamic";

const ZCritical = { scope: "thoughts:write", params: z.object({ id: ZBigId }), body: z.object({ critical: z.boolean() }) } as const;

/** PUT { critical: boolean }: marks a step as critical (trained on under the critical-steps loss mask). */
export const PUT = apiRoute(ZCritical, async ({ actor, params, body }) => {
  await markCritical(actor, params.id, body.critical);
  return Response.json({ critical: body.critical });
});
