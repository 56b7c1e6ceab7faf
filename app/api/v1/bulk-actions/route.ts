import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { startBulkAction } from "@/lib/review/bulk";
import { filterFromSearch } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";

/** POST { filter: "<table query string>", decision, reasons?, comment? }: decides all matching, as a job (202). */
export const POST = apiRoute(async ({ request, actor }) => {
  const body = z.object({ filter: z.string().max(4000) }).passthrough().parse(await request.json());
  const action = await startBulkAction(actor, filterFromSearch(body.filter), body as never);
  return Response.json(action, { status: 202 });
});
