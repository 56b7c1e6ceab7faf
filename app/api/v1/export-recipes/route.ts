import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { listRecipes, saveRecipe } from "@/lib/export/recipes";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor }) => Response.json({ recipes: await listRecipes(actor) }));

const ZSave = z.object({ name: z.string(), recipe: z.unknown() });

/** POST { name, recipe }: saves it (a new version if the name exists and the recipe changed). */
export const POST = apiRoute({ scope: "exports:create", body: ZSave }, async ({ actor, body }) =>
  Response.json(await saveRecipe(actor, body.name, body.recipe), { status: 201 }),
);
