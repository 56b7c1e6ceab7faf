import { apiRoute } from "@/lib/api/route";
import { listRevisions, reviseThought, revertThought } from "@/lib/review/thoughts";

export const dynamic = "force-dynamic";

/** GET: the step's revisions, newest first. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => Response.json({ data: await listRevisions(actor, params.id) }));

/**
 * POST { text, reason?, version } saves a new revision; { revertTo, version } restores an
 * earlier one (0 = as imported) as a new revision. A stale version answers 409 with the newer thought.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = (await request.json()) as Record<string, unknown>;
  const state = "revertTo" in body ? await revertThought(actor, params.id, body as never) : await reviseThought(actor, params.id, body as never);
  return Response.json(state);
});
