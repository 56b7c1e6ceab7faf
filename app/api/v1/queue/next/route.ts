import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZBigId } from "@/lib/api/schemas";
import { claimNext } from "@/lib/review/queue";
import { filterFromSearch } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";

const ZClaim = z.object({
  /** The table's query string. */
  filter: z.string().max(4000).default(""),
  /** The trajectory just shown, to move past it. */
  skip: ZBigId.optional(),
});

/**
 * POST /api/v1/queue/next { filter: "<the table's query string>", skip?: ID }: claims the next
 * trajectory of the filter the caller has not reviewed; 204 when the queue is empty. A POST,
 * not a GET, because claiming changes state.
 */
export const POST = apiRoute({ scope: "review:write", body: ZClaim }, async ({ actor, body }) => {
  const id = await claimNext(actor, filterFromSearch(body.filter), body.skip);
  return id ? Response.json({ id }) : new Response(null, { status: 204 });
});
