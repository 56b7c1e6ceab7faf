import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZBigId, ZId } from "@/lib/api/schemas";
import { matchedSpans } from "@/lib/contamination/spans";

export const dynamic = "force-dynamic";

const ZSpans = { params: z.object({ trajectoryId: ZBigId }), query: z.object({ run: ZId.optional() }) };

/** GET ?run=ID: matched spans per compared turn of a trajectory (newest finished run by default); null without a run. */
export const GET = apiRoute(ZSpans, async ({ actor, params, query }) => Response.json(await matchedSpans(actor, params.trajectoryId, query.run)));
