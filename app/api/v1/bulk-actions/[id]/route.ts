import { apiRoute } from "@/lib/api/route";
import { getBulkAction } from "@/lib/review/bulk";

export const dynamic = "force-dynamic";

/** GET /api/v1/bulk-actions/:id: state and progress (done / total). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => Response.json(await getBulkAction(actor, Number(params.id))));
