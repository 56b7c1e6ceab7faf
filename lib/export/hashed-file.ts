/**
 * A file being written, with its sha256 and size computed on the way through,
 * so the manifest never has to read a (possibly huge) file back.
 */
import { createHash } from "node:crypto";
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Bounded: a few chunks per open file, whatever the export's size. */
const CHUNK_BYTES = 1 << 20;

export type TFileFacts = { bytes: number; sha256: string };

export class HashedFile {
  /** Write here; backpressure passes through to the target. */
  readonly stream: Transform;
  private readonly hash = createHash("sha256");
  private bytes = 0;
  private readonly flushed: Promise<void>;

  constructor(target: Writable) {
    this.stream = new Transform({
      // Writers join lines up to this size: fewer, larger writes to hash and to disk.
      highWaterMark: CHUNK_BYTES,
      transform: (chunk: Buffer, _encoding, done) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
      },
    });
    this.flushed = pipeline(this.stream, target);
    this.flushed.catch(() => {}); // awaited in finished(); an early failure must not go unhandled meanwhile
  }

  get bytesWritten(): number {
    return this.bytes;
  }

  /** Resolves once the writer has ended the stream and the target has everything. */
  async finished(): Promise<TFileFacts> {
    await this.flushed;
    return { bytes: this.bytes, sha256: this.hash.digest("hex") };
  }
}
