import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { markCritical } from "@/lib/review/thoughts";

export const dynamic = "force-dynamic";

/** PUT { critical: boolean }: marks a step as critical (trained on under the critical-steps loss mask). */
export const PUT = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const { critical } = z.object({ critical: z.boolean() }).parse(await request.json());
  await markCritical(actor, params.id, critical);
  return Response.json({ critical });
});
