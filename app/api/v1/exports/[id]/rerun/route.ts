import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { rerunExport } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

/** A new export with the earlier one's recipe (202). */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) =>
  Response.json(await rerunExport(actor, z.coerce.number().int().positive().parse(params.id)), { status: 202 }),
);
