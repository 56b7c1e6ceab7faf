/**
 * The demo seeding kind as the engine, the jobs API and the pages know it:
 * payload, scope, policy. Its work lives with the demo generator in demo/
 * (demo/seed-job.ts), which lib/ does not import: scripts/worker.ts plugs it
 * in. A process that runs this kind without it fails the job at once, naming why.
 */
import { z } from "zod";
import { ZJobActor } from "@/lib/jobs/actor";
import { JobFailedForGood, type TJobKind } from "@/lib/jobs/context";

export const ZDemoSeedJob = z
  .object({
    actor: ZJobActor,
    /** Smaller demos for tests; the defaults are the demo generator's. */
    perTask: z.number().int().min(1).max(1000).optional(),
    generalRows: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type TDemoSeedJob = z.infer<typeof ZDemoSeedJob>;

export const demoSeedJob: TJobKind<TDemoSeedJob> = {
  name: "demo-seed",
  payload: ZDemoSeedJob,
  unit: "files",
  scope: "datasets:import",
  // Each file is its own import; an attempt after a crash skips the files already in (same bytes, same sha256).
  retry: { limit: 3, delaySeconds: 1 },
  timeoutSeconds: 60 * 60,
  heartbeatSeconds: 10,
  // Many datasets, listed on the home page: no single record to link.
  result: () => null,
  async run() {
    throw new JobFailedForGood("this worker cannot load the demo: start workers with `npm run worker` (scripts/worker.ts adds the demo generator)");
  },
};
