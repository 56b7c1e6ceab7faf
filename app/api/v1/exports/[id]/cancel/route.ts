import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { cancelExport } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => Response.json(await cancelExport(actor, z.coerce.number().int().positive().parse(params.id))));
