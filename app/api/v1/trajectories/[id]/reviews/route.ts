import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZBigId } from "@/lib/api/schemas";
import { decideTrajectory } from "@/lib/review/decide";
import { ZDecisionInput } from "@/lib/review/reasons";

export const dynamic = "force-dynamic";

const ZDecide = { scope: "review:write", params: z.object({ id: ZBigId }), body: ZDecisionInput } as const;

/** POST /api/v1/trajectories/:id/reviews { decision, reasons?, comment?, version } → 200, or 409 with the newer state. */
export const POST = apiRoute(ZDecide, async ({ actor, params, body }) => Response.json(await decideTrajectory(actor, params.id, body)));
