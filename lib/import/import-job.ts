/**
 * The import kind: a worker imports a stored upload (lib/import/upload-storage.ts)
 * as one dataset, in one transaction (lib/import/import-file.ts). A killed
 * attempt's transaction dies with its connection, so a retry starts clean and
 * ends as an uninterrupted import would. A cancel is noticed within half a
 * second and rolls back. The import report is the job's output; the upload is
 * removed when the job ends for good (done, failed for good, cancelled).
 */
import { stat } from "node:fs/promises";
import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import { ZJobActor } from "@/lib/jobs/actor";
import { JobFailedForGood, JobHandedBack, type TJobContext, type TJobKind } from "@/lib/jobs/context";
import { getJob } from "@/lib/jobs/engine";
import { importFile } from "./import-file";
import { ImportRequestError, ZImportOptions, type TImportReport } from "./options";
import { uploadStorage } from "./upload-storage";

export const ZImportJobOptions = ZImportOptions.omit({ filePath: true, fileName: true });

export const ZImportJob = z
  .object({ uploadId: z.uuid(), fileName: z.string().min(1).max(255), options: ZImportJobOptions, actor: ZJobActor })
  .strict();
export type TImportJob = z.infer<typeof ZImportJob>;

/** What a done import job returns (its output). */
export type TImportJobOutput = { report: TImportReport; dataset: number | null };

const CANCEL_POLL_MS = 500;

export const importJob: TJobKind<TImportJob> = {
  name: "import",
  payload: ZImportJob,
  unit: "bytes",
  scope: "datasets:import",
  retry: { limit: 3, delaySeconds: 1 },
  timeoutSeconds: 6 * 60 * 60,
  heartbeatSeconds: 10,
  result(_payload, output) {
    const dataset = typeof output?.dataset === "number" ? output.dataset : null;
    return dataset === null ? null : { type: "dataset", id: dataset, href: `/trajectories?dataset=${dataset}` };
  },
  // A failed or cancelled import's upload was removed: it cannot run again without the file.
  async beforeRetry(_client, _actor, payload) {
    await uploadStorage().localPath(payload.uploadId);
  },
  async run(payload: TImportJob, context: TJobContext) {
    const storage = uploadStorage();
    const filePath = await storage.localPath(payload.uploadId).catch((error: Error) => {
      throw new JobFailedForGood(error.message);
    });
    const bytes = (await stat(filePath)).size;
    const watch = watchJob(context);
    try {
      const report = await importFile(
        payload.actor,
        { ...payload.options, filePath, fileName: payload.fileName },
        { signal: watch.signal, onProgress: (progress) => void context.progress(progress.bytesRead, progress.totalBytes).catch(() => {}) },
      );
      await context.progress(bytes, bytes, true);
      await storage.remove(payload.uploadId);
      const output: TImportJobOutput = { report, dataset: report.dataset?.id ?? null };
      return output;
    } catch (error) {
      if (watch.reason() === "stopping") throw new JobHandedBack();
      if (watch.reason() === "cancelled") {
        await storage.remove(payload.uploadId);
        return { cancelled: true };
      }
      // Bad input (a bad record under strict, a name taken): no retry can fix it.
      if (error instanceof UserFacingError || error instanceof ImportRequestError) {
        await storage.remove(payload.uploadId);
        throw new JobFailedForGood(error.message);
      }
      if (context.lastAttempt) await storage.remove(payload.uploadId);
      throw error;
    } finally {
      watch.stop();
    }
  },
};

/** Aborts the import when its worker is stopping or the job was cancelled (the engine's record says so). */
function watchJob(context: TJobContext) {
  const controller = new AbortController();
  let reason: "stopping" | "cancelled" | null = null;
  let checking = false;
  const timer = setInterval(() => {
    if (checking || reason) return;
    if (context.stopping()) {
      reason = "stopping";
      controller.abort();
      return;
    }
    checking = true;
    getJob(importJob.name, context.jobId)
      .then((job) => {
        if (job?.state === "cancelled" && !reason) {
          reason = "cancelled";
          controller.abort();
        }
      })
      .catch(() => {})
      .finally(() => (checking = false));
  }, CANCEL_POLL_MS);
  return { signal: controller.signal, reason: () => reason, stop: () => clearInterval(timer) };
}
