/** The bench's no-op kind is for `npm run bench:jobs` only: no user can start, list or cancel one. */
import { describe, expect, it } from "vitest";
import { isJobKind, JOB_KINDS } from "@/lib/job-kinds";
import { benchNoopJob } from "./bench-jobs-noop";

describe("bench-only job kind", () => {
  it("is not in the registry the API, the CLI and the workers offer", () => {
    expect(isJobKind(benchNoopJob.name)).toBe(false);
    expect(Object.values(JOB_KINDS)).not.toContain(benchNoopJob);
    expect(benchNoopJob.payload.safeParse({ n: 1, extra: true }).success).toBe(false);
  });
});
