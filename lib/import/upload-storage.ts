/**
 * Where uploaded files wait to be imported. One interface, like the exports'
 * (lib/export/storage.ts), so object storage can replace the local disk later:
 * an upload is stored whole before its import job is queued, read by the
 * worker that runs the job, and removed when the job ends for good.
 * Locally: <data dir>/uploads/<uuid>.upload (web server and workers share the data dir).
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { embeddedSettings } from "@/lib/db/settings";
import { NotFoundError } from "@/lib/errors";

export interface UploadStorage {
  /** Stores a whole upload under a new id (nothing is kept if the stream fails). */
  save(body: Readable): Promise<{ id: string; bytes: number }>;
  /** A local file holding the upload (parquet needs random access), or NotFoundError. */
  localPath(id: string): Promise<string>;
  remove(id: string): Promise<void>;
}

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class LocalUploadStorage implements UploadStorage {
  constructor(private readonly root: string = path.join(embeddedSettings().dataDir, "uploads")) {}

  private file(id: string): string {
    // Ids are ours (uuids): anything else is refused, so no path can escape the folder.
    if (!UPLOAD_ID.test(id)) throw new NotFoundError(`no upload ${id}`);
    return path.join(this.root, `${id}.upload`);
  }

  async save(body: Readable): Promise<{ id: string; bytes: number }> {
    await mkdir(this.root, { recursive: true });
    const id = randomUUID();
    try {
      await pipeline(body, createWriteStream(this.file(id), { highWaterMark: 1 << 20 }));
    } catch (error) {
      await this.remove(id);
      throw error;
    }
    return { id, bytes: (await stat(this.file(id))).size };
  }

  async localPath(id: string): Promise<string> {
    const file = this.file(id);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new NotFoundError(`the uploaded file ${id} is gone (removed when its import ended): upload it again`);
    return file;
  }

  async remove(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }
}

let storage: UploadStorage | null = null;

/** The storage in use (local disk under the data directory). */
export function uploadStorage(): UploadStorage {
  storage ??= new LocalUploadStorage();
  return storage;
}
