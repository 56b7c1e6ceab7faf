import { apiError } from "@/lib/api/errors";
import { describeZodError } from "@/lib/errors";
import { listTrajectories } from "@/lib/trajectories/list-trajectories";
import { parseTrajectoryQuery } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/trajectories: the table's filters, sort and cursor (same query string as /trajectories). */
export async function GET(request: Request) {
  const query = parseTrajectoryQuery(new URL(request.url).searchParams);
  if (!query.success) return apiError(400, "invalid_parameters", describeZodError(query.error));
  const page = await listTrajectories(query.data);
  return Response.json({
    data: page.rows,
    page: { size: query.data.size, next: page.next, previous: page.previous },
    total: page.total,
  });
}
