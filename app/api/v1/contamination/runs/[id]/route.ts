import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { cancelRun, getRun, runItems, workRun } from "@/lib/contamination/run";

export const dynamic = "force-dynamic";

const ZParams = z.object({ id: ZId });

/** GET: the run with progress (and ETA) and, once finished, its summary and items (?label=dirty to filter). */
export const GET = apiRoute({ params: ZParams, query: z.object({ label: z.string().optional() }) }, async ({ actor, params, query }) => {
  const run = await getRun(actor, params.id);
  const items = run.state === "finished" ? await runItems(actor, run.id, { label: query.label }) : [];
  return Response.json({ run, items });
});

/**
 * POST { action: "cancel" | "resume" }: cancel a running check, or add this server as a worker again after a crash.
 * The scope is checked here because a resume answers before its background work (which checks it too) starts.
 */
export const POST = apiRoute(
  { scope: "review:write", params: ZParams, body: z.object({ action: z.enum(["cancel", "resume"]) }) },
  async ({ actor, params, body }) => {
    if (body.action === "cancel") return Response.json(await cancelRun(actor, params.id));
    const run = await getRun(actor, params.id);
    void workRun(actor, run.id, { reclaimRunning: true }).catch((error: unknown) => console.error(`contamination run ${run.id} failed`, error));
    return Response.json(run, { status: 202 });
  },
);
