import { apiRoute } from "@/lib/api/route";
import { setThreshold, ZSetThresholdInput } from "@/lib/thresholds/decisions";
import { conflictsAs409, readJsonBody } from "@/lib/thresholds/http";

export const dynamic = "force-dynamic";

/** PUT /api/v1/thresholds/:task { value, reason, version? }: an admin sets the threshold directly (409 if `version` is stale). */
export const PUT = apiRoute<{ task: string }>(async ({ request, actor, params }) =>
  conflictsAs409(async () => Response.json(await setThreshold(actor, params.task, ZSetThresholdInput.parse(await readJsonBody(request))))),
);
