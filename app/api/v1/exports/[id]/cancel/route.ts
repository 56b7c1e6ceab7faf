import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { cancelExport } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scope: "exports:create", params: z.object({ id: ZId }) }, async ({ actor, params }) =>
  Response.json(await cancelExport(actor, params.id)),
);
