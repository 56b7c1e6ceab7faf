import { z } from "zod";
import { ROLES } from "@/lib/access/roles";
import type { TActor } from "@/lib/access/actor";

const ZContext = z.object({ requestId: z.string().nullable(), ip: z.string().nullable() });

/** The actor who started a job, carried in its payload: the worker acts (and audits) as them. */
export const ZJobActor: z.ZodType<TActor> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), id: z.number().int(), email: z.string(), role: z.enum(ROLES), via: z.enum(["session", "token", "cli"]), context: ZContext }),
  z.object({ kind: z.literal("system"), label: z.string(), role: z.literal("admin"), context: ZContext }),
]);
