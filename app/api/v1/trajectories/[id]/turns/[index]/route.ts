import { apiRoute } from "@/lib/api/route";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { getTurnText } from "@/lib/trajectories/get-trajectory";

export const dynamic = "force-dynamic";

/** GET /api/v1/trajectories/:id/turns/:index: one turn's whole raw text ("show all"). */
export const GET = apiRoute<{ id: string; index: string }>(async ({ actor, params }) => {
  const position = Number(params.index);
  if (!Number.isInteger(position) || position < 0) throw new UserFacingError("index: must be a turn number (0, 1, ...)");
  const rawText = await getTurnText(actor, params.id, position);
  if (rawText === null) throw new NotFoundError(`trajectory ${params.id} has no turn ${params.index}`);
  return Response.json({ rawText });
});
