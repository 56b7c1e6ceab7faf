/**
 * The export kind: a worker runs a queued export (lib/export/run.ts). A retry
 * restarts its files from scratch (the draw is deterministic, so the files
 * are byte-identical); a cancel is noticed at the next batch.
 */
import { z } from "zod";
import { runExport } from "@/lib/export/run";
import { JobFailedForGood, type TJobContext, type TJobKind } from "./context";
import { ZJobActor } from "./actor";

/** EXPORT_BATCH_SIZE: trajectories per round trip (default 500); smaller batches notice a cancel sooner. */
function batchSize(value = process.env.EXPORT_BATCH_SIZE): number | undefined {
  if (!value) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`EXPORT_BATCH_SIZE: "${value}" is not a whole number of at least 1`);
  return parsed;
}

export const ZExportJob = z.object({ exportId: z.number().int().positive(), actor: ZJobActor }).strict();
export type TExportJob = z.infer<typeof ZExportJob>;

export const exportJob: TJobKind<TExportJob> = {
  name: "export",
  payload: ZExportJob,
  unit: "samples",
  scope: "exports:create",
  retry: { limit: 3, delaySeconds: 1 },
  timeoutSeconds: 6 * 60 * 60,
  heartbeatSeconds: 10,
  result: (payload) => ({ type: "export", id: payload.exportId, href: `/exports/${payload.exportId}` }),
  async run(payload: TExportJob, context: TJobContext) {
    const outcome = await runExport(payload.actor, payload.exportId, { job: context, batchSize: batchSize() });
    if (outcome.state === "failed") throw new JobFailedForGood(outcome.error ?? "export failed");
    return { export: payload.exportId, state: outcome.state };
  },
};
