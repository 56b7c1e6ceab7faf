import { assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import { hintsForTurns, type TUngroundedSpan } from "./grounding";

/**
 * For each assistant step, the spans of its current thought that rest on
 * nothing the agent could have seen: the prompt, the task turn, and the
 * observations before that step (the whole texts, not the page's previews),
 * and the tools it was given (names, descriptions, parameter schemas).
 */
export async function groundingHints(actor: TActor, trajectoryId: string): Promise<Record<number, TUngroundedSpan[]>> {
  assertCan(actor, "trajectories:read");
  const turns = await prisma().turn.findMany({
    where: { trajectoryId: BigInt(trajectoryId) },
    select: { index: true, role: true, rawText: true, thought: true, currentThought: true },
    orderBy: { index: "asc" },
  });
  // The declared tools' names and descriptions were in front of the agent too.
  const trajectory = await prisma().trajectory.findUnique({ where: { id: BigInt(trajectoryId) }, select: { toolSet: { select: { tools: true } } } });
  return hintsForTurns(turns, trajectory?.toolSet ? [JSON.stringify(trajectory.toolSet.tools)] : []);
}
