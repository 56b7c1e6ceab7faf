import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { getRecipe } from "@/lib/export/recipes";

export const dynamic = "force-dynamic";

const ZGetRecipe = { params: z.object({ name: z.string() }), query: z.object({ version: ZId.optional() }) };

/** GET ?version=N: a saved recipe, the latest version unless asked. */
export const GET = apiRoute(ZGetRecipe, async ({ actor, params, query }) => Response.json(await getRecipe(actor, params.name, query.version)));
