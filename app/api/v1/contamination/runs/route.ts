import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { createRun, listRuns } from "@/lib/contamination/run";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor }) => Response.json({ runs: await listRuns(actor) }));

const ZRunInput = z.object({
  testSet: z.union([z.string().min(1), z.number().int()]),
  n: z.number().int().optional(),
  cleanBelow: z.number().optional(),
  dirtyAbove: z.number().optional(),
  /** null: no template discounting. */
  templateShare: z.number().nullable().optional(),
  /** Checked by checkParams, whose message names the parameter and the allowed values. */
  tokenizer: z.string().optional(),
  /** Dataset ids or names to compare; absent or empty: every agent dataset. */
  datasets: z.array(z.union([z.string().min(1), z.number().int()])).optional(),
  /** Also compare every general (chat) dataset. */
  includeGeneral: z.boolean().optional(),
});

/**
 * POST { testSet, n?, cleanBelow?, dirtyAbove?, templateShare?, tokenizer?, datasets?, includeGeneral? }:
 * enqueues a check for the workers, one job per range (202); poll GET /runs/:id.
 */
export const POST = apiRoute({ scope: "review:write", body: ZRunInput }, async ({ actor, body }) => {
  const { testSet, tokenizer, ...params } = body;
  return Response.json(await createRun(actor, testSet, { ...params, tokenizer: tokenizer as "word" | "bpe" | undefined }, { queue: true }), { status: 202 });
});
