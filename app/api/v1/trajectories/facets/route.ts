import { apiError } from "@/lib/api/errors";
import { describeZodError } from "@/lib/errors";
import { facetCounts } from "@/lib/trajectories/facets";
import { filterOf, parseTrajectoryQuery } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/trajectories/facets: counts per filter value under the other filters. */
export async function GET(request: Request) {
  const query = parseTrajectoryQuery(new URL(request.url).searchParams);
  if (!query.success) return apiError(400, "invalid_parameters", describeZodError(query.error));
  return Response.json(await facetCounts(filterOf(query.data)));
}
