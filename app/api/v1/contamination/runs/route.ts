import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { startRunInBackground } from "@/lib/contamination/background";
import { listRuns } from "@/lib/contamination/run";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor }) => Response.json({ runs: await listRuns(actor) }));

const ZRunInput = z.object({
  testSet: z.union([z.string().min(1), z.number().int()]),
  n: z.number().int().optional(),
  cleanBelow: z.number().optional(),
  dirtyAbove: z.number().optional(),
  /** null: no template discounting. */
  templateShare: z.number().nullable().optional(),
});

/** POST { testSet, n?, cleanBelow?, dirtyAbove?, templateShare? }: starts a check as a job (202); poll GET /runs/:id. */
export const POST = apiRoute(async ({ request, actor }) => {
  const input = ZRunInput.parse(await request.json());
  const { testSet, ...params } = input;
  return Response.json(await startRunInBackground(actor, testSet, params), { status: 202 });
});
