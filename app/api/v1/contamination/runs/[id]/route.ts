import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { cancelRun, getRun, runItems, workRun } from "@/lib/contamination/run";

export const dynamic = "force-dynamic";

const id = (raw: string) => z.coerce.number().int().positive().parse(raw);

/** GET: the run with progress (and ETA) and, once finished, its summary and items (?label=dirty to filter). */
export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const run = await getRun(actor, id(params.id));
  const label = new URL(request.url).searchParams.get("label") ?? undefined;
  const items = run.state === "finished" ? await runItems(actor, run.id, { label }) : [];
  return Response.json({ run, items });
});

/** POST { action: "cancel" | "resume" }: cancel a running check, or add this server as a worker again after a crash. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const { action } = z.object({ action: z.enum(["cancel", "resume"]) }).parse(await request.json());
  if (action === "cancel") return Response.json(await cancelRun(actor, id(params.id)));
  const run = await getRun(actor, id(params.id));
  void workRun(actor, run.id, { reclaimRunning: true }).catch((error: unknown) => console.error(`contamination run ${run.id} failed`, error));
  return Response.json(run, { status: 202 });
});
