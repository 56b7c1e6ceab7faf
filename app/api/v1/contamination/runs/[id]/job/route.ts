import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { NotFoundError } from "@/lib/errors";
import { checkAsJob } from "@/lib/job-kinds/check-job";

export const dynamic = "force-dynamic";

/** GET: the check as one job (state, progress of the whole check, a range job's id to cancel it), what its pages poll. */
export const GET = apiRoute({ params: z.object({ id: ZId }) }, async ({ actor, params }) => {
  const job = await checkAsJob(actor, params.id);
  if (!job) throw new NotFoundError(`contamination run ${params.id} runs outside the workers: it has no job`);
  return Response.json(job);
});
