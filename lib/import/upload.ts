import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { embeddedSettings } from "@/lib/db/settings";

/**
 * Streams an uploaded body to a file under the data directory (no size limit
 * short of disk; parquet needs random access, so imports read from a file).
 */
export async function saveUpload(body: ReadableStream<Uint8Array>): Promise<{ filePath: string; remove: () => Promise<void> }> {
  const dir = path.join(embeddedSettings().dataDir, "uploads");
  await mkdir(dir, { recursive: true });
  const filePath = path.join(dir, `${randomUUID()}.upload`);
  const remove = () => rm(filePath, { force: true });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), createWriteStream(filePath));
  } catch (error) {
    await remove();
    throw error;
  }
  return { filePath, remove };
}
