import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { deleteExport, getExport } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

const ZId = z.coerce.number().int().positive();

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => Response.json(await getExport(actor, ZId.parse(params.id))));

export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => {
  await deleteExport(actor, ZId.parse(params.id));
  return new Response(null, { status: 204 });
});
