import { assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";

/** Whether anything was imported yet: the table's empty state says "import a file", not "loosen a filter". */
export async function anyTrajectoryStored(actor: TActor | null): Promise<boolean> {
  assertCan(actor, "trajectories:read");
  return (await prisma().trajectory.findFirst({ select: { id: true } })) !== null;
}
