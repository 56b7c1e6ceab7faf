/**
 * Writes to a Node Writable one chunk at a time, honouring backpressure: a
 * write that fills the stream's buffer waits for 'drain', so a slow
 * destination (disk, upload, hash pipe) holds at most one chunk beyond its
 * highWaterMark instead of the whole export.
 */
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";

/** What every export writer offers: `close` ends the stream and waits until it has finished. */
export type TRecordWriter<T> = {
  write(record: T): Promise<void>;
  close(): Promise<void>;
};

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units, a lone surrogate 3). */
const MAX_UTF8_PER_UNIT = 3;

export class StreamSink {
  private failure: Error | null = null;
  /**
   * Strings are encoded straight into this buffer, whose bytes go out once it holds the stream's highWaterMark: one
   * write (and one hash update) per chunk, not per line. Joining the lines first and encoding the joined string
   * cost 4 to 8 times as much (each line a rope of its parts, flattened by the join, then copied again to encode):
   * a third of an export's main thread.
   */
  private buffer: Buffer | null = null;
  private used = 0;

  constructor(private readonly stream: Writable) {
    stream.on("error", (error) => {
      this.failure ??= error;
    });
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (typeof chunk !== "string") {
      await this.flush();
      return this.send(chunk);
    }
    const capacity = 2 * this.stream.writableHighWaterMark;
    const mostBytes = chunk.length * MAX_UTF8_PER_UNIT;
    if (this.buffer && this.used + mostBytes > this.buffer.length) await this.flush();
    // A string that might not fit an empty buffer (a page dump's line) goes out on its own.
    if (mostBytes > capacity) return this.send(Buffer.from(chunk, "utf8"));
    this.buffer ??= Buffer.allocUnsafe(capacity); // one per sink, for the whole export
    this.used += this.buffer.write(chunk, this.used, "utf8");
    if (this.used >= this.stream.writableHighWaterMark) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buffer || this.used === 0) return;
    // The stream keeps what it is given until written: it gets a copy of the bytes used (a memcpy), so what it
    // holds is what it counts, and the buffer is filled again.
    const bytes = Buffer.from(this.buffer.subarray(0, this.used));
    this.used = 0;
    await this.send(bytes);
  }

  private async send(bytes: Uint8Array): Promise<void> {
    if (!this.stream.write(bytes)) await this.drained();
  }

  async end(): Promise<void> {
    if (this.failure) throw this.failure;
    await this.flush();
    this.stream.end();
    await finished(this.stream, { readable: false });
    if (this.failure) throw this.failure;
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        this.stream.off("drain", onDrain);
        this.stream.off("error", onError);
        this.stream.off("close", onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onError = (error: Error) => done(error);
      const onClose = () => done(this.failure ?? new Error("the output stream closed before it drained"));
      this.stream.on("drain", onDrain);
      this.stream.on("error", onError);
      this.stream.on("close", onClose);
    });
  }
}

/** A writer of one JSON line per value; `toJson` fixes the key order, so the bytes are deterministic. */
export function createJsonlWriter<T>(out: Writable, toJson: (value: T) => unknown): TRecordWriter<T> {
  return createLineWriter(out, (value) => JSON.stringify(toJson(value)));
}

/** A writer of one line per value, `toLine` giving the line's text (without its newline). */
export function createLineWriter<T>(out: Writable, toLine: (value: T) => string): TRecordWriter<T> {
  const sink = new StreamSink(out);
  return {
    write: (value) => sink.write(`${toLine(value)}\n`),
    close: () => sink.end(),
  };
}
