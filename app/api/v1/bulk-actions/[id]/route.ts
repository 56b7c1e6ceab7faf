import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { getBulkAction } from "@/lib/review/bulk";

export const dynamic = "force-dynamic";

/** GET /api/v1/bulk-actions/:id: state and progress (done / total). */
export const GET = apiRoute({ params: z.object({ id: ZId }) }, async ({ actor, params }) => Response.json(await getBulkAction(actor, params.id)));
