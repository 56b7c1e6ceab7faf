import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getRecipe } from "@/lib/export/recipes";

export const dynamic = "force-dynamic";

/** GET ?version=N: a saved recipe, the latest version unless asked. */
export const GET = apiRoute<{ name: string }>(async ({ request, actor, params }) => {
  const version = new URL(request.url).searchParams.get("version");
  return Response.json(await getRecipe(actor, params.name, version ? z.coerce.number().int().positive().parse(version) : undefined));
});
