import { apiRoute } from "@/lib/api/route";
import { proposeThreshold, ZProposalInput } from "@/lib/thresholds/decisions";
import { readJsonBody } from "@/lib/thresholds/http";

export const dynamic = "force-dynamic";

/** POST /api/v1/thresholds/:task/proposals { value: 0.5 | "2/3", reason }: reviewers and admins propose. */
export const POST = apiRoute<{ task: string }>(async ({ request, actor, params }) => {
  const { id } = await proposeThreshold(actor, params.task, ZProposalInput.parse(await readJsonBody(request)));
  return Response.json({ id, task: params.task }, { status: 201 });
});
