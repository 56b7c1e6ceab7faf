/**
 * A worker process for `npm run bench:jobs`: the real worker (lib/jobs/worker.ts)
 * on DATABASE_URL, taking only the bench's no-op kind. SIGTERM stops it.
 */
import { closeDb } from "../lib/db/client";
import { startWorker, workerConcurrency } from "../lib/jobs/worker";
import { benchNoopJob } from "./bench-jobs-noop";
import type { TJobKind } from "../lib/jobs/context";

const log = (line: string) => console.log(`[bench worker ${process.pid}] ${line}`);
const worker = await startWorker({ kinds: [benchNoopJob as TJobKind<unknown>], concurrency: workerConcurrency() });
log(`ready: worker ${worker.name}`);
process.once("SIGTERM", () => {
  void (async () => {
    await worker.stop();
    await closeDb();
    process.exit(0);
  })();
});
