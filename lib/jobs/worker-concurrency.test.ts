/** WORKER_CONCURRENCY: one number for every kind, or per kind ("export=1,contamination=4"), with a default. */
import { describe, expect, it } from "vitest";
import { concurrencyOf, workerConcurrency } from "./worker";

const KINDS = ["export", "contamination", "import"];

describe("workerConcurrency", () => {
  it("takes one number for every kind (1 when unset)", () => {
    expect(concurrencyOf(workerConcurrency("4", KINDS), "export")).toBe(4);
    expect(concurrencyOf(workerConcurrency(undefined, KINDS), "import")).toBe(1);
  });

  it("takes kind=number pairs, other kinds at the default (a bare number, else 1)", () => {
    const plan = workerConcurrency("export=1,contamination=4", KINDS);
    expect(KINDS.map((kind) => concurrencyOf(plan, kind))).toEqual([1, 4, 1]);
    const withDefault = workerConcurrency(" 2 , contamination=8 ", KINDS);
    expect(KINDS.map((kind) => concurrencyOf(withDefault, kind))).toEqual([2, 8, 2]);
  });

  it("names what it cannot use", () => {
    expect(() => workerConcurrency("exprt=2", KINDS)).toThrow('WORKER_CONCURRENCY: no job kind "exprt" (kinds: export, contamination, import)');
    expect(() => workerConcurrency("export=0", KINDS)).toThrow('WORKER_CONCURRENCY: "export=0": 0 is not a whole number from 1 to 64');
    expect(() => workerConcurrency("many", KINDS)).toThrow('WORKER_CONCURRENCY: "many": many is not a whole number from 1 to 64');
    expect(() => workerConcurrency("2,3", KINDS)).toThrow("WORKER_CONCURRENCY: two defaults (2 and 3)");
  });
});

describe("npm run worker with a bad WORKER_CONCURRENCY", () => {
  it("refuses to start, naming the unknown kind", async () => {
    const { startTestWorker } = await import("@/testing/workers");
    const started = startTestWorker({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", WORKER_CONCURRENCY: "exprt=2" });
    expect(await started.exited).not.toBe(0);
    expect(started.output()).toContain('WORKER_CONCURRENCY: no job kind "exprt" (kinds: export, contamination, import, bulk-review, demo-seed)');
  }, 30_000);
});
