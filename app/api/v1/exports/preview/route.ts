import { apiRoute } from "@/lib/api/route";
import { previewExport } from "@/lib/export/preview";

export const dynamic = "force-dynamic";

/** POST { recipe }: the counts and shares that recipe would give now (nothing is stored). */
export const POST = apiRoute(async ({ request, actor }) => {
  const body = (await request.json()) as { recipe?: unknown };
  return Response.json(await previewExport(actor, body.recipe ?? {}));
});
