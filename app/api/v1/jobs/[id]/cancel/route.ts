import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { cancelJobById } from "@/lib/job-kinds/jobs";

export const dynamic = "force-dynamic";

/** jobs:control here; lib/jobs also checks the job kind's own scope (an export's: exports:create) once the kind is known. */
export const POST = apiRoute({ scope: "jobs:control", params: z.object({ id: z.uuid() }) }, async ({ actor, params }) => Response.json(await cancelJobById(actor, params.id)));
