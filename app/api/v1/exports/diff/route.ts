import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { diffExports } from "@/lib/export/diff";

export const dynamic = "force-dynamic";

const ZDiff = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });

/** GET ?from=ID&to=ID: trajectories added and removed per task between two exports. */
export const GET = apiRoute(async ({ request, actor }) => {
  const query = ZDiff.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await diffExports(actor, query.from, query.to));
});
