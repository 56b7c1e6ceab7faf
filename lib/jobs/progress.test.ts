/** Progress writes are cheap: at most one per second per job, on the real PostgreSQL. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/testing/database";
import { ProgressWriter, readProgress } from "./progress";

useTestDatabase();

describe("job progress", () => {
  it("writes at most once a second per job, and always when forced", async () => {
    let now = 10_000;
    const jobId = randomUUID();
    const writer = new ProgressWriter(jobId, "export", "samples", "host:1", () => now);
    const wrote: boolean[] = [];
    for (let done = 1; done <= 5; done++) {
      wrote.push(await writer.report(done, 100));
      now += 300;
    }
    // t = 0 writes, 300/600/900 ms are skipped, 1200 ms writes again.
    expect(wrote).toEqual([true, false, false, false, true]);
    expect((await readProgress([jobId])).get(jobId)).toMatchObject({ done: 5, total: 100, unit: "samples", worker: "host:1" });
    expect(await writer.report(6, 100)).toBe(false);
    expect(await writer.report(100, 100, true)).toBe(true);
    expect((await readProgress([jobId])).get(jobId)).toMatchObject({ done: 100, total: 100 });
  });
});
