/**
 * The export kind: a worker runs a queued export (lib/export/run.ts). A retry
 * restarts its files from scratch (the draw is deterministic, so the files
 * are byte-identical); a cancel is noticed at the next batch.
 */
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { ZJobActor } from "@/lib/jobs/actor";
import { JobFailedForGood, type TJobContext, type TJobKind } from "@/lib/jobs/context";
import { UserFacingError } from "@/lib/errors";
import { cancelExport } from "./exports";
import { runExport } from "./run";

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
  // Cancelling goes through the export, so its record says so too (and is audited).
  async cancel(actor, payload) {
    await cancelExport(actor, payload.exportId);
  },
  // A retried export starts afresh: its record is reset in the transaction that requeues the job.
  async beforeRetry(client, actor, payload, jobId) {
    const reset = await client.query(
      "update exports set state = 'queued', error = null, finished_at = null, files = '[]', done_items = 0, bytes_written = 0 where id = $1 and state in ('failed', 'cancelled')",
      [payload.exportId],
    );
    if ((reset.rowCount ?? 0) === 0) throw new UserFacingError(`export ${payload.exportId} is not failed or cancelled`);
    await recordAudit(client, actor, { type: "export.retried", target: { type: "export", id: payload.exportId }, after: { job: jobId } });
  },
  async run(payload: TExportJob, context: TJobContext) {
    const outcome = await runExport(payload.actor, payload.exportId, { job: context, batchSize: batchSize() });
    if (outcome.state === "failed") throw new JobFailedForGood(outcome.error ?? "export failed");
    return { export: payload.exportId, state: outcome.state };
  },
};
