/**
 * `npm run worker`: a worker process. Runs queued jobs (lib/jobs/) against
 * DATABASE_URL, or the embedded PostgreSQL under .data/ when it is not set;
 * start as many as you like, on any machine that reaches the database.
 * WORKER_CONCURRENCY sets the jobs it runs at once per kind (default 1): one
 * number for every kind, or per kind ("export=1,contamination=4", "2,export=1").
 * SIGTERM / SIGINT: stop taking jobs; running ones stop at their next safe
 * point and go back to the queue for another worker.
 */
import { demoSeedWork } from "../demo/seed-job";
import { closeDb } from "../lib/db/client";
import { prepareDatabase } from "../lib/db/prepare";
import { JOB_KINDS } from "../lib/job-kinds";
import type { TJobKind } from "../lib/jobs/context";
import { describeConcurrency, startWorker, workerConcurrency } from "../lib/jobs/worker";
import { assertSupportedNode } from "./node-runtime";
import { onStopSignal } from "./stop-signals";

assertSupportedNode();

const log = (line: string) => console.log(`[worker ${process.pid}] ${line}`);
const concurrency = workerConcurrency(process.env.WORKER_CONCURRENCY, Object.keys(JOB_KINDS));
const database = await prepareDatabase(log);
// Every registered kind; the demo's work comes from demo/, which lib/ does not import.
const kinds = Object.values(JOB_KINDS).map((kind) => (kind.name === demoSeedWork.name ? demoSeedWork : kind));
const worker = await startWorker({ kinds: kinds as TJobKind<unknown>[], concurrency, log });
log(`ready: worker ${worker.name} takes jobs (${describeConcurrency(concurrency)})`);

let stopping = false;
onStopSignal((signal) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: handing running jobs back and stopping`);
  void (async () => {
    await worker.stop();
    await closeDb();
    await database.stop();
    log("stopped");
    process.exit(0);
  })();
});
