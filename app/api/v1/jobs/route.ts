import { apiRoute } from "@/lib/api/route";
import { listJobs, ZJobFilter } from "@/lib/job-kinds/jobs";

export const dynamic = "force-dynamic";

/** GET ?kind=&state=&limit=: the newest jobs first, with progress, who started them, timings, worker, error and result link. */
export const GET = apiRoute({ query: ZJobFilter }, async ({ actor, query }) => Response.json({ jobs: await listJobs(actor, query) }));
