import { UserFacingError } from "@/lib/errors";
import type { TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";

/**
 * The CLI acts as a named user (`--as EMAIL` or TS_USER), with that user's
 * current role, so its imports and changes are attributed like any other.
 */
export async function cliActor(email: string | undefined): Promise<TActor> {
  if (!email) throw new UserFacingError("--as EMAIL: name the user the command acts as (or set TS_USER)");
  const user = await prisma().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, role: true, deactivatedAt: true },
  });
  if (!user) throw new UserFacingError(`--as: no user ${email}; create one with \`user add\``);
  if (user.deactivatedAt) throw new UserFacingError(`--as: ${email} is deactivated`);
  return { kind: "user", id: user.id, email: user.email, role: user.role, via: "cli", context: { requestId: null, ip: null } };
}
