import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { previewExport } from "@/lib/export/preview";

export const dynamic = "force-dynamic";

/** POST { recipe }: the counts and shares that recipe would give now (nothing is stored, so readers may ask). */
export const POST = apiRoute({ body: z.object({ recipe: z.unknown() }) }, async ({ actor, body }) => Response.json(await previewExport(actor, body.recipe ?? {})));
