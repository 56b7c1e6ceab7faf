import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { setThreshold, ZSetThresholdInput } from "@/lib/thresholds/decisions";

export const dynamic = "force-dynamic";

const ZSet = { scope: "thresholds:apply", params: z.object({ task: z.string() }), body: ZSetThresholdInput } as const;

/** PUT /api/v1/thresholds/:task { value, reason, version? }: an admin sets the threshold directly (409 if `version` is stale). */
export const PUT = apiRoute(ZSet, async ({ actor, params, body }) => Response.json(await setThreshold(actor, params.task, body)));
