import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { matchedSpans } from "@/lib/contamination/spans";

export const dynamic = "force-dynamic";

/** GET ?run=ID: matched spans per compared turn of a trajectory (newest finished run by default); null without a run. */
export const GET = apiRoute<{ trajectoryId: string }>(async ({ request, actor, params }) => {
  const trajectoryId = z.string().regex(/^\d+$/).parse(params.trajectoryId);
  const run = new URL(request.url).searchParams.get("run");
  return Response.json(await matchedSpans(actor, trajectoryId, run ? Number(run) : undefined));
});
