import { apiError } from "@/lib/api/errors";
import { getTrajectory } from "@/lib/trajectories/get-trajectory";

export const dynamic = "force-dynamic";

/** GET /api/v1/trajectories/:id: the trajectory with every turn, raw text and parsed step. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const trajectory = await getTrajectory(id);
  if (!trajectory) return apiError(404, "not_found", `no trajectory with id ${id}`);
  return Response.json(trajectory);
}
