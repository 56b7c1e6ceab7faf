import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { rerunExport } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

/** A new export with the earlier one's recipe (202). */
export const POST = apiRoute({ scope: "exports:create", params: z.object({ id: ZId }) }, async ({ actor, params }) =>
  Response.json(await rerunExport(actor, params.id), { status: 202 }),
);
