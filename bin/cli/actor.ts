import { UserFacingError } from "@/lib/errors";
import type { TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import type { TRole } from "@/lib/access/roles";

/**
 * The CLI acts as a named user (`--as EMAIL` or TS_USER), with that user's
 * current role, so its imports and changes are attributed like any other.
 */
export async function cliActor(email: string | undefined): Promise<TActor> {
  if (!email) throw new UserFacingError("--as EMAIL: name the user the command acts as (or set TS_USER)");
  const found = await pool().query<{ id: number; email: string; role: TRole; deactivated_at: Date | null }>(
    "select id, email, role, deactivated_at from users where email = $1",
    [email.trim().toLowerCase()],
  );
  const user = found.rows[0];
  if (!user) throw new UserFacingError(`--as: no user ${email}; create one with \`user add\``);
  if (user.deactivated_at) throw new UserFacingError(`--as: ${email} is deactivated`);
  return { kind: "user", id: user.id, email: user.email, role: user.role, via: "cli", context: { requestId: null, ip: null } };
}
