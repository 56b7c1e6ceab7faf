/**
 * The demo-seed job's work (lib/job-kinds/demo-seed-job.ts declares the kind;
 * lib/ does not import demo/): scripts/worker.ts gives workers this run.
 */
import type { TJobKind } from "@/lib/jobs/context";
import { demoSeedJob, type TDemoSeedJob } from "@/lib/job-kinds/demo-seed-job";
import { seedDemo } from "./seed";

export const demoSeedWork: TJobKind<TDemoSeedJob> = {
  ...demoSeedJob,
  async run(payload, context) {
    const outcome = await seedDemo(payload, { progress: (done, total) => context.progress(done, total, true), stopping: context.stopping });
    return { ...outcome };
  },
};
