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

export class StreamSink {
  private failure: Error | null = null;
  /** Small strings are joined up to the stream's highWaterMark: one write (and one hash update) per chunk, not per line. */
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly stream: Writable) {
    stream.on("error", (error) => {
      this.failure ??= error;
    });
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (typeof chunk === "string") {
      this.pending.push(chunk);
      this.pendingLength += chunk.length;
      if (this.pendingLength >= this.stream.writableHighWaterMark) await this.flush();
      return;
    }
    await this.flush();
    if (!this.stream.write(chunk)) await this.drained();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const joined = this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    if (!this.stream.write(joined)) await this.drained();
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
