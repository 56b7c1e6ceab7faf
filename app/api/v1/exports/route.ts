import { apiRoute } from "@/lib/api/route";
import { listExports, startExport } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor }) => Response.json({ exports: await listExports(actor) }));

/** POST { recipe } or { recipeName, recipeVersion? }: queues and starts an export (202); poll GET /exports/:id. */
export const POST = apiRoute(async ({ request, actor }) => Response.json(await startExport(actor, await request.json()), { status: 202 }));
