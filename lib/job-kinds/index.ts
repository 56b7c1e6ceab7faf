/**
 * Every kind of job, by name (the engine's queue name). Each declares its zod
 * payload, the scope that starts / cancels / retries it, its retry policy,
 * timeout and heartbeat (lib/jobs/context.ts), in one file beside its domain
 * (lib/export/export-job.ts): this registry sits above both, so the domain
 * imports the engine and never the other way round.
 */
import { contaminationJob } from "@/lib/contamination/contamination-job";
import { exportJob } from "@/lib/export/export-job";
import { importJob } from "@/lib/import/import-job";
import type { TJobKind } from "@/lib/jobs/context";
import { bulkReviewJob } from "@/lib/review/bulk-job";
import { demoSeedJob } from "./demo-seed-job";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own payload type
type TAnyJobKind = TJobKind<any>;

export const JOB_KINDS = {
  export: exportJob,
  contamination: contaminationJob,
  import: importJob,
  "bulk-review": bulkReviewJob,
  "demo-seed": demoSeedJob,
} as const satisfies Record<string, TAnyJobKind>;

export type TJobKindName = keyof typeof JOB_KINDS;

export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as TJobKindName[];

export function jobKind(name: TJobKindName): TJobKind<unknown> {
  return JOB_KINDS[name] as unknown as TJobKind<unknown>;
}

export function isJobKind(name: string): name is TJobKindName {
  return Object.hasOwn(JOB_KINDS, name);
}
