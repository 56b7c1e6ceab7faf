import { apiRoute } from "@/lib/api/route";
import { decideTrajectory } from "@/lib/review/decide";

export const dynamic = "force-dynamic";

/** POST /api/v1/trajectories/:id/reviews { decision, reasons?, comment?, version } → 200, or 409 with the newer state. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const result = await decideTrajectory(actor, params.id, await request.json());
  return Response.json(result);
});
