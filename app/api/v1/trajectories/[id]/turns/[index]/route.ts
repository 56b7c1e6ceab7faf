import { apiError } from "@/lib/api/errors";
import { getTurnText } from "@/lib/trajectories/get-trajectory";

export const dynamic = "force-dynamic";

/** GET /api/v1/trajectories/:id/turns/:index: one turn's whole raw text ("show all"). */
export async function GET(_request: Request, context: { params: Promise<{ id: string; index: string }> }) {
  const { id, index } = await context.params;
  const position = Number(index);
  if (!Number.isInteger(position) || position < 0) return apiError(400, "invalid_parameters", "index: must be a turn number (0, 1, ...)");
  const rawText = await getTurnText(id, position);
  if (rawText === null) return apiError(404, "not_found", `trajectory ${id} has no turn ${index}`);
  return Response.json({ rawText });
}
