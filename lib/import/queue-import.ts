/**
 * Starts an import as a job: the file is stored first (upload storage), its
 * format checked at once (a file in no known format is refused before anything
 * is queued), then a worker imports it (lib/import/import-job.ts). Returns the
 * job to poll. Used by the API (an upload) and the CLI's `import --queue` (a local file).
 */
import type { Readable } from "node:stream";
import { assertCan, type TActor } from "@/lib/access/actor";
import { describeZodError } from "@/lib/errors";
import { detectFormat } from "@/lib/formats";
import { sendJob } from "@/lib/jobs/engine";
import { importJob, ZImportJobOptions } from "./import-job";
import { ImportRequestError, type TImportOptions } from "./options";
import { uploadStorage, type UploadStorage } from "./upload-storage";

export type TQueueImportInput = Omit<TImportOptions, "filePath" | "fileName"> & { fileName: string };

export async function queueImport(actor: TActor, body: Readable, input: TQueueImportInput, storage: UploadStorage = uploadStorage()): Promise<{ jobId: string; uploadId: string; bytes: number }> {
  assertCan(actor, "datasets:import");
  const { fileName, ...rest } = input;
  const options = ZImportJobOptions.safeParse(rest);
  if (!options.success) throw new ImportRequestError(describeZodError(options.error));
  const stored = await storage.save(body);
  try {
    await detectFormat(await storage.localPath(stored.id), options.data.format, fileName);
    const jobId = await sendJob(importJob, { uploadId: stored.id, fileName, options: options.data, actor });
    return { jobId, uploadId: stored.id, bytes: stored.bytes };
  } catch (error) {
    await storage.remove(stored.id);
    throw error;
  }
}
