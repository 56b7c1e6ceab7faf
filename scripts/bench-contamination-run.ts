/**
 * The measured side of bench-contamination: one check through the job path the
 * CLI uses (createRun plans the ranges, workRun claims them, streams the turns
 * from PostgreSQL, scans and scores), then its figures as JSON, so the peak RSS
 * is that of the process doing the scan alone.
 *
 *   DATABASE_URL=... [BENCH_RUN_ID=N] tsx scripts/bench-contamination-run.ts TESTSET [DATASET...]
 */
import { systemActor } from "../lib/access/actor";
import { createRun, getRun, workRun } from "../lib/contamination/run";
import { closeDb, pool, prisma } from "../lib/db/client";

const [testSet, ...datasets] = process.argv.slice(2);
const actor = systemActor("bench");
// Connected before the clock starts, as the reference's process is: a worker pays its clients' start-up (Prisma's
// query compiler, the first connections: up to ~1 s on a busy host) once per process, not once per check.
const warm = performance.now();
await Promise.all([prisma().testSet.findFirst({ select: { id: true } }), pool().query("select 1")]);
const started = performance.now();
// BENCH_RUN_ID: work a run the parent created, as one of several processes sharing its ranges (workRun, SKIP LOCKED).
const joinId = process.env.BENCH_RUN_ID ? Number(process.env.BENCH_RUN_ID) : null;
const run = joinId !== null ? await getRun(actor, joinId) : await createRun(actor, testSet!, { datasets });
const planned = performance.now();
let lastLog = 0;
// After the last range's commit only the run's end is left (scoring the items, labelling the trajectories): timed apart.
let rangesDone = planned;
const done = await workRun(actor, run.id, {
  onProgress: (r) => {
    if (r.state === "running") rangesDone = performance.now();
    if (performance.now() - lastLog < 2000) return;
    lastLog = performance.now();
    process.stderr.write(`\r  ${r.doneTrajectories.toLocaleString("en-US")} / ${r.totalTrajectories.toLocaleString("en-US")} trajectories, ${(r.bytesScanned / 1024 / 1024).toFixed(0)} MB`);
  },
});
const finished = performance.now();
await closeDb();
process.stderr.write("\n");
console.log(
  JSON.stringify({
    runId: done.id,
    state: done.state,
    bytes: done.bytesScanned,
    trajectories: done.doneTrajectories,
    warmUpSeconds: (started - warm) / 1000,
    planSeconds: (planned - started) / 1000,
    finishSeconds: (finished - rangesDone) / 1000,
    seconds: (finished - started) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
