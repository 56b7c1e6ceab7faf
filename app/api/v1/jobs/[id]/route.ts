import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getJobById } from "@/lib/job-kinds/jobs";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ params: z.object({ id: z.uuid() }) }, async ({ actor, params }) => Response.json(await getJobById(actor, params.id)));
