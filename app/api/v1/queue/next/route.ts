import { apiRoute } from "@/lib/api/route";
import { claimNext } from "@/lib/review/queue";
import { filterFromSearch } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/queue/next?filter=<the table's query string>[&skip=ID]: claims the next trajectory
 * of the filter the caller has not reviewed; 204 when the queue is empty.
 */
export const GET = apiRoute(async ({ request, actor }) => {
  const url = new URL(request.url);
  const id = await claimNext(actor, filterFromSearch(url.searchParams.get("filter") ?? ""), url.searchParams.get("skip") ?? undefined);
  return id ? Response.json({ id }) : new Response(null, { status: 204 });
});
