import { apiRoute } from "@/lib/api/route";
import { facetCounts } from "@/lib/trajectories/facets";
import { filterOf, parseTrajectoryQuery } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/trajectories/facets: counts per filter value under the other filters. */
export const GET = apiRoute(async ({ request, actor }) => {
  const parsed = parseTrajectoryQuery(new URL(request.url).searchParams);
  if (!parsed.success) throw parsed.error;
  const query = parsed.data;
  return Response.json(await facetCounts(actor, filterOf(query)));
});
