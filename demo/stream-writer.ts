/** Text written to a file through a WriteStream, waiting for "drain" when its buffer is full. */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export class StreamTextWriter {
  bytes = 0;
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
    this.stream.on("error", (error) => {
      this.failure = error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.bytes += Buffer.byteLength(text, "utf8");
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
    if (this.failure) throw this.failure;
  }

  /** Closes without waiting, after an error elsewhere. */
  destroy(): void {
    this.stream.destroy();
  }
}

/** Opens a writer, runs `fn`, and always closes (or destroys on failure). */
export async function withTextFile<T>(path: string, fn: (w: StreamTextWriter) => Promise<T>): Promise<{ result: T; bytes: number }> {
  const writer = new StreamTextWriter(path);
  try {
    const result = await fn(writer);
    await writer.close();
    return { result, bytes: writer.bytes };
  } catch (error) {
    writer.destroy();
    throw error;
  }
}
