import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { diffExports } from "@/lib/export/diff";

export const dynamic = "force-dynamic";

const ZDiff = z.object({ from: ZId, to: ZId });

/** GET ?from=ID&to=ID: trajectories added and removed per task between two exports. */
export const GET = apiRoute({ query: ZDiff }, async ({ actor, query }) => Response.json(await diffExports(actor, query.from, query.to)));
