import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { cancelRun, getRun, runItems } from "@/lib/contamination/run";

export const dynamic = "force-dynamic";

const ZParams = z.object({ id: ZId });

/** GET: the run with progress (and ETA) and, once finished, its summary and items (?label=dirty to filter). */
export const GET = apiRoute({ params: ZParams, query: z.object({ label: z.string().optional() }) }, async ({ actor, params, query }) => {
  const run = await getRun(actor, params.id);
  const items = run.state === "finished" ? await runItems(actor, run.id, { label: query.label }) : [];
  return Response.json({ run, items });
});

/**
 * POST { action: "cancel" }: cancel a running check (its queued ranges never start, running ones stop within a second).
 * Workers pick up a crashed worker's ranges by themselves, so there is no "resume".
 */
export const POST = apiRoute({ scope: "review:write", params: ZParams, body: z.object({ action: z.enum(["cancel"]) }) }, async ({ params, actor }) =>
  Response.json(await cancelRun(actor, params.id)),
);
