import { assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import { hintsForTurns, type TUngroundedSpan } from "./grounding";

/**
 * For each assistant step, the spans of its current thought that rest on
 * nothing the agent could have seen: the prompt, the task turn, and the
 * observations before that step (the whole texts, not the page's previews).
 */
export async function groundingHints(actor: TActor, trajectoryId: string): Promise<Record<number, TUngroundedSpan[]>> {
  assertCan(actor, "trajectories:read");
  const turns = await prisma().turn.findMany({
    where: { trajectoryId: BigInt(trajectoryId) },
    select: { index: true, role: true, rawText: true, thought: true, currentThought: true },
    orderBy: { index: "asc" },
  });
  return hintsForTurns(turns);
}
