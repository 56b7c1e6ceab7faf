import { apiRoute } from "@/lib/api/route";
import { listExports, startExport, ZCreateExport } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor }) => Response.json({ exports: await listExports(actor) }));

/** POST { recipe } or { recipeName, recipeVersion? }: queues and starts an export (202); poll GET /exports/:id. */
export const POST = apiRoute({ scope: "exports:create", body: ZCreateExport }, async ({ actor, body }) =>
  Response.json(await startExport(actor, body), { status: 202 }),
);
