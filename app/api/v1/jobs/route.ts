import { apiRoute } from "@/lib/api/route";
import { listJobsPage, ZJobFilter } from "@/lib/job-kinds/jobs";

export const dynamic = "force-dynamic";

/**
 * GET ?kind=&state=&limit=&cursor=: the newest jobs first, with progress, who started them, timings, worker, error and
 * result link; nextCursor (null on the last page) reads the next page.
 */
export const GET = apiRoute({ query: ZJobFilter }, async ({ actor, query }) => Response.json(await listJobsPage(actor, query)));
