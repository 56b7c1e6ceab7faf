import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZBigId } from "@/lib/api/schemas";
import { NotFoundError } from "@/lib/errors";
import { getTurnText } from "@/lib/trajectories/get-trajectory";

export const dynamic = "force-dynamic";

/** A turn's position: 0, 1, ... in plain digits. */
const ZPosition = z.string().regex(/^\d{1,9}$/, "must be a turn number (0, 1, ...)").transform(Number);

/** GET /api/v1/trajectories/:id/turns/:index: one turn's whole raw text ("show all"). */
export const GET = apiRoute({ params: z.object({ id: ZBigId, index: ZPosition }) }, async ({ actor, params }) => {
  const rawText = await getTurnText(actor, params.id, params.index);
  if (rawText === null) throw new NotFoundError(`trajectory ${params.id} has no turn ${params.index}`);
  return Response.json({ rawText });
});
