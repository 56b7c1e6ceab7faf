import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { deleteExport, getExport } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

const ZParams = z.object({ id: ZId });

export const GET = apiRoute({ params: ZParams }, async ({ actor, params }) => Response.json(await getExport(actor, params.id)));

export const DELETE = apiRoute({ scope: "exports:create", params: ZParams }, async ({ actor, params }) => {
  await deleteExport(actor, params.id);
  return new Response(null, { status: 204 });
});
