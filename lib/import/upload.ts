import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { uploadStorage } from "./upload-storage";

/**
 * Streams an uploaded body into the upload storage (no size limit short of
 * disk; parquet needs random access, so imports read from a file), for a caller
 * that reads it at once and removes it (test sets).
 */
export async function saveUpload(body: ReadableStream<Uint8Array>): Promise<{ filePath: string; remove: () => Promise<void> }> {
  const storage = uploadStorage();
  const { id } = await storage.save(Readable.fromWeb(body as WebReadableStream<Uint8Array>));
  return { filePath: await storage.localPath(id), remove: () => storage.remove(id) };
}
