import { apiRoute } from "@/lib/api/route";
import { listTrajectories } from "@/lib/trajectories/list-trajectories";
import { parseTrajectoryQuery } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/trajectories: the table's filters, sort and cursor (same query string as /trajectories). */
export const GET = apiRoute(async ({ request, actor }) => {
  const parsed = parseTrajectoryQuery(new URL(request.url).searchParams);
  if (!parsed.success) throw parsed.error;
  const query = parsed.data;
  const page = await listTrajectories(actor, query);
  return Response.json({
    data: page.rows,
    page: { size: query.size, next: page.next, previous: page.previous },
    total: page.total,
  });
});
