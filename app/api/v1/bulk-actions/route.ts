import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { startBulkAction, ZBulkInput } from "@/lib/review/bulk";
import { filterFromSearch } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";

const ZBulkBody = ZBulkInput.extend({ filter: z.string().max(4000) });

/** POST { filter: "<table query string>", decision, reasons?, comment? }: decides all matching, as a job (202). */
export const POST = apiRoute({ scope: "review:write", body: ZBulkBody }, async ({ actor, body }) => {
  const { filter, ...input } = body;
  const action = await startBulkAction(actor, filterFromSearch(filter), input);
  return Response.json(action, { status: 202 });
});
