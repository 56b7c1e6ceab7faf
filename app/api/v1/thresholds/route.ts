import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getThresholdOverview } from "@/lib/thresholds/overview";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/thresholds[?task=mind2web]: per task the counts, reward
 * histogram, retention curve (kept and accepted at every 0.01 and at the
 * current and proposed thresholds), proposals with comments and what-if, and
 * the history of changes; plus the no-reward rule and the default threshold.
 */
export const GET = apiRoute({ query: z.object({ task: z.string().optional() }) }, async ({ actor, query }) => {
  const overview = await getThresholdOverview(actor);
  return Response.json(query.task ? { ...overview, tasks: overview.tasks.filter((task) => task.task === query.task) } : overview);
});
