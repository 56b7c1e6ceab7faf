/**
 * A no-op job kind for `npm run bench:jobs` only: it measures what the engine
 * and our worker wrapper cost per job. It lives in scripts/ and is never in
 * the registry (lib/job-kinds), so no user can start one.
 */
import { z } from "zod";
import type { TJobKind } from "../lib/jobs/context";

export const ZBenchNoopJob = z.object({ n: z.number().int().nonnegative() }).strict();

export const benchNoopJob: TJobKind<z.infer<typeof ZBenchNoopJob>> = {
  name: "bench-noop",
  payload: ZBenchNoopJob,
  unit: "jobs",
  scope: "jobs:control",
  retry: { limit: 0, delaySeconds: 0 },
  timeoutSeconds: 60,
  heartbeatSeconds: 30,
  result: (payload) => ({ type: "bench", id: payload.n, href: "" }),
  async run() {
    return {};
  },
};
