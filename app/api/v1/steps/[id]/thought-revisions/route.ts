import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZBigId, ZByKey } from "@/lib/api/schemas";
import { listRevisions, reviseThought, revertThought, ZRevertInput, ZRevisionInput } from "@/lib/review/thoughts";

export const dynamic = "force-dynamic";

const ZParams = z.object({ id: ZBigId });

/** GET: the step's revisions, newest first. */
export const GET = apiRoute({ params: ZParams }, async ({ actor, params }) => Response.json({ data: await listRevisions(actor, params.id) }));

/** A revert names the revision to restore; anything else is a new text. */
const ZThoughtChange = ZByKey("revertTo", ZRevertInput, ZRevisionInput);

/**
 * POST { text, reason?, version } saves a new revision; { revertTo, version } restores an
 * earlier one (0 = as imported) as a new revision. A stale version answers 409 with the newer thought.
 */
export const POST = apiRoute({ scope: "thoughts:write", params: ZParams, body: ZThoughtChange }, async ({ actor, params, body }) => {
  const state = "revertTo" in body ? await revertThought(actor, params.id, body) : await reviseThought(actor, params.id, body);
  return Response.json(state);
});
