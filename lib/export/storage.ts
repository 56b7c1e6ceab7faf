/**
 * Where export files live. One interface, so object storage can replace the
 * local disk later: files are written while the export runs (into a staging
 * place), published together when it finishes, read back as streams.
 * Locally: <data dir>/exports/<id>.partial/ while running, <id>/ when done.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { embeddedSettings } from "@/lib/db/settings";
import { NotFoundError } from "@/lib/errors";

export interface ExportStorage {
  /** Starts an export's files afresh (anything staged before is dropped). */
  begin(exportId: number): Promise<void>;
  /** A new staged file. */
  createWriteStream(exportId: number, name: string): Writable;
  /** Makes the staged files the export's files. */
  publish(exportId: number): Promise<void>;
  /** A published file, or NotFoundError. */
  openReadStream(exportId: number, name: string): Promise<{ stream: Readable; bytes: number }>;
  /** Drops staged and published files. */
  remove(exportId: number): Promise<void>;
}

/** File names are ours (conversations.jsonl, manifest.json, ...): anything else is refused, so no path can escape. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/;

export class LocalExportStorage implements ExportStorage {
  constructor(private readonly root: string = path.join(embeddedSettings().dataDir, "exports")) {}

  private staged(exportId: number) {
    return path.join(this.root, `${exportId}.partial`);
  }

  private published(exportId: number) {
    return path.join(this.root, String(exportId));
  }

  async begin(exportId: number): Promise<void> {
    await rm(this.staged(exportId), { recursive: true, force: true });
    await mkdir(this.staged(exportId), { recursive: true });
  }

  createWriteStream(exportId: number, name: string): Writable {
    return createWriteStream(path.join(this.staged(exportId), checkedName(name)), { highWaterMark: 1 << 20 });
  }

  async publish(exportId: number): Promise<void> {
    await rm(this.published(exportId), { recursive: true, force: true });
    await rename(this.staged(exportId), this.published(exportId));
  }

  async openReadStream(exportId: number, name: string): Promise<{ stream: Readable; bytes: number }> {
    if (!SAFE_NAME.test(name)) throw new NotFoundError(`export ${exportId} has no file ${name}`);
    const file = path.join(this.published(exportId), name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new NotFoundError(`export ${exportId} has no file ${name}`);
    return { stream: createReadStream(file), bytes: info.size };
  }

  async remove(exportId: number): Promise<void> {
    await rm(this.staged(exportId), { recursive: true, force: true });
    await rm(this.published(exportId), { recursive: true, force: true });
  }
}

function checkedName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`bad export file name: ${name}`);
  return name;
}

let storage: ExportStorage | null = null;

/** The storage in use (local disk under the data directory). */
export function exportStorage(): ExportStorage {
  storage ??= new LocalExportStorage();
  return storage;
}
