import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZBigId } from "@/lib/api/schemas";
import { NotFoundError } from "@/lib/errors";
import { getTrajectory } from "@/lib/trajectories/get-trajectory";

export const dynamic = "force-dynamic";

/** GET /api/v1/trajectories/:id: the trajectory with every turn, raw text and parsed step. */
export const GET = apiRoute({ params: z.object({ id: ZBigId }) }, async ({ actor, params }) => {
  const trajectory = await getTrajectory(actor, params.id);
  if (!trajectory) throw new NotFoundError(`no trajectory with id ${params.id}`);
  return Response.json(trajectory);
});
