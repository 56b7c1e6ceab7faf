import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { roleCan, type TRole, type TScope } from "./roles";

// The errors live with the other domain errors; re-exported for the callers that import them from here.
export { ForbiddenError, UnauthenticatedError };

/** Where a request came from, carried into audit events. */
export type TRequestContext = { requestId: string | null; ip: string | null };

/**
 * Who is acting: a signed-in user (session or API token), or the system itself
 * (demo seeding), which runs with admin scopes under its own label.
 */
export type TActor =
  | { kind: "user"; id: number; email: string; role: TRole; via: "session" | "token" | "cli"; context: TRequestContext }
  | { kind: "system"; label: string; role: "admin"; context: TRequestContext };

export function systemActor(label: string): TActor {
  return { kind: "system", label, role: "admin", context: { requestId: null, ip: null } };
}

export function actorLabel(actor: TActor): string {
  return actor.kind === "user" ? actor.email : actor.label;
}

export function actorId(actor: TActor): number | null {
  return actor.kind === "user" ? actor.id : null;
}

export function can(actor: TActor, scope: TScope): boolean {
  return roleCan(actor.role, scope);
}

/** The check every lib entry point starts with. */
export function assertCan(actor: TActor | null | undefined, scope: TScope): asserts actor is TActor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, scope)) throw new ForbiddenError(`your role (${actor.role}) cannot do this: it needs "${scope}"`);
}
