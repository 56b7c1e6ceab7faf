/** Progress writes are cheap: at most one per second per job, on the real PostgreSQL. */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/testing/database";
import { z } from "zod";
import type { TJobKind } from "./context";
import { queueFor, stopJobEngine } from "./engine";
import { pruneProgress, ProgressWriter, readProgress } from "./progress";

useTestDatabase();

afterAll(async () => {
  await stopJobEngine();
});

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

describe("pruneProgress", () => {
  it("deletes the progress of jobs the engine no longer has (it deletes finished jobs after its retention), keeps the others'", async () => {
    // A kind of this test's own (no worker takes it): the engine keeps its job while it waits.
    const kind: TJobKind<unknown> = {
      name: "progress-test", payload: z.unknown(), unit: "samples", scope: "trajectories:read", retry: { limit: 0, delaySeconds: 1 },
      timeoutSeconds: 60, heartbeatSeconds: 10, result: () => null, run: async () => ({}),
    };
    const boss = await queueFor(kind);
    const kept = randomUUID();
    await boss.insert(kind.name, [{ id: kept, data: {} }]);
    const gone = randomUUID();
    await new ProgressWriter(kept, "export", "samples").report(1, 2);
    await new ProgressWriter(gone, "export", "samples").report(1, 2);
    // This one and the first test's (its job never existed).
    expect(await pruneProgress()).toBe(2);
    const left = await readProgress([kept, gone]);
    expect([...left.keys()]).toEqual([kept]);
  });
});
