/**
 * Permissions as data: each role is a set of scopes. Every route handler,
 * server action and lib entry point checks a scope (lib/access/actor.ts);
 * nothing relies on middleware or a layout.
 */
export const ROLES = ["admin", "reviewer", "viewer"] as const;
export type TRole = (typeof ROLES)[number];

export const SCOPES = [
  "trajectories:read",
  "tokens:manage-own",
  "account:manage-own",
  "review:write",
  "thoughts:write",
  "thresholds:propose",
  "thresholds:apply",
  "exports:create",
  /** Cancel or retry a job: the route's coarse check; the job kind's own scope is checked too (lib/jobs/jobs.ts). */
  "jobs:control",
  "datasets:import",
  "datasets:delete",
  "users:manage",
  "settings:manage",
  "audit:read",
] as const;
export type TScope = (typeof SCOPES)[number];

const VIEWER: TScope[] = ["trajectories:read", "tokens:manage-own", "account:manage-own"];
const REVIEWER: TScope[] = [...VIEWER, "review:write", "thoughts:write", "thresholds:propose", "exports:create", "jobs:control"];

export const ROLE_SCOPES: Record<TRole, ReadonlySet<TScope>> = {
  viewer: new Set(VIEWER),
  reviewer: new Set(REVIEWER),
  admin: new Set(SCOPES),
};

export function roleCan(role: TRole, scope: TScope): boolean {
  return ROLE_SCOPES[role].has(scope);
}
