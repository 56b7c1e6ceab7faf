/**
 * Review load test: seeds (or reuses, after --keep) a bench database of N
 * trajectories with turns, starts the built app on it, creates 50 reviewers
 * with API tokens and lets 50 clients work the queue at once for 60 s
 * (claim → fetch → decide). Prints requests/s, p50/p95/p99 per endpoint and
 * errors by status, then checks in SQL that no trajectory got two decisions
 * through the queue and that every decision answered 2xx is stored.
 *
 *   npm run bench:review [-- --scale small|full --clients 50 --seconds 60 --filter task=os --json --keep]
 *
 * The baseline is the server's floor under the same load: GET /api/health,
 * probed by one extra light client during the run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { pool } from "../lib/db/client";
import { hashSecret, newSecret } from "../lib/auth/secrets";
import { TOKEN_PREFIX } from "../lib/auth/tokens";
import { buildIsStale } from "./build-freshness";
import { seed } from "./bench-browse-seed";
import { COMMON_OPTIONS, cpuProfileArgs, hostFigures, parseScale, percentile, printJson, printTable, startBenchDatabase } from "./bench-support";
import { describeCpu, startCpuMeter, type TCpuSplit } from "./bench-cpu";

const { values: args } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    trajectories: { type: "string" },
    clients: { type: "string", default: "50" },
    seconds: { type: "string" },
    filter: { type: "string", default: "task=os" },
    "turns-per-trajectory": { type: "string", default: "6" },
  },
});
const SCALE = parseScale(args.scale);
const COUNT = Number(args.trajectories ?? (SCALE === "full" ? 1_000_000 : 20_000));
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds ?? (SCALE === "full" ? 60 : 20));
const TURNS = Number(args["turns-per-trajectory"]);
const WARMUP_SECONDS = 5;
/** Client counts tried, most first, to say how many reviewers the server holds at the goal. */
const CAPACITY_STEPS = [40, 30, 20, 10, 5];
const CAPACITY_SECONDS = SCALE === "full" ? 20 : 6;
const GOAL_P95_MS = 300;
for (const [name, value] of Object.entries({ trajectories: COUNT, clients: CLIENTS, seconds: SECONDS, "turns-per-trajectory": TURNS })) {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
}

const log = (line: string) => console.log(line);
const dataDir = path.resolve(".data/bench-review");
const marker = path.join(dataDir, "bench-review.json");
const httpPort = Number(process.env.BENCH_HTTP_PORT ?? 3310);
const distDir = ".next-bench";
const base = `http://127.0.0.1:${httpPort}`;

const reuse = existsSync(marker) && (JSON.parse(readFileSync(marker, "utf8")) as { count: number }).count === COUNT;
if (!reuse) rmSync(dataDir, { recursive: true, force: true });
const loadBefore = hostFigures().load;
const { shutdown } = await startBenchDatabase(dataDir, Number(process.env.BENCH_PG_PORT ?? 54334), log);
let server: ChildProcess | null = null;
let completed = false;

type TEndpoint = "claim" | "fetch" | "decide";
type TSamples = Record<TEndpoint | "health", number[]>;
const samples: TSamples = { claim: [], fetch: [], decide: [], health: [] };
/** Set when a client found the queue empty: later phases then measure fewer clients than they say. */
let ranDry = false;
const errors: Record<string, number> = {};
const decided: { trajectoryId: string; reviewerId: number }[] = [];

try {
  if (reuse) log(`reusing ${COUNT.toLocaleString("en-US")} seeded trajectories in ${dataDir}`);
  else await seedWithTurns();
  await resetReviews();
  const reviewers = await createReviewers(CLIENTS);
  server = await startServer();

  // A running server is warm: the first requests load route modules and fill
  // caches, which the timed run would otherwise count. Decisions made here are
  // still verified below; only their timings are dropped.
  log(`warming up: ${CLIENTS} clients for ${WARMUP_SECONDS} s (not timed)...`);
  const warmDeadline = Date.now() + WARMUP_SECONDS * 1000;
  await Promise.all(reviewers.map((reviewer) => work(reviewer, warmDeadline)));
  for (const endpoint of Object.keys(samples) as (keyof typeof samples)[]) samples[endpoint] = [];

  log(`${CLIENTS} clients work the queue (${args.filter || "no filter"}) for ${SECONDS} s...`);
  const started = performance.now();
  const deadline = Date.now() + SECONDS * 1000;
  // "bench" in the split is this process: the 50 clients.
  const meter = startCpuMeter({ server: server.pid! });
  await Promise.all([...reviewers.map((reviewer) => work(reviewer, deadline)), probeHealth(deadline)]);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = meter.stop();

  const main = { samples: { ...samples }, errors: { ...errors } };
  const mainMet = worstP95(samples) < GOAL_P95_MS && !Object.keys(errors).length;
  const capacity = mainMet ? { holdsClients: CLIENTS, tried: [] } : await findCapacity(reviewers);
  const checks = await verify();
  report(elapsed, checks, main, capacity, cpu);
  completed = true;
} finally {
  server?.kill("SIGTERM");
  await shutdown();
  if (args.keep) writeFileSync(marker, JSON.stringify({ count: COUNT }));
  // A failed run keeps its data for a look; --keep keeps it for the next run.
  else if (completed) rmSync(dataDir, { recursive: true, force: true });
}

/** Trajectories as bench-browse seeds them, then TURNS short turns each (what the replay endpoint reads). */
async function seedWithTurns() {
  log(`seeding ${COUNT.toLocaleString("en-US")} trajectories with ${TURNS} turns each...`);
  const started = performance.now();
  await seed(COUNT, 100_000, () => {});
  const batch = 100_000;
  const max = await pool().query<{ max: string }>("select max(id)::text as max from trajectories");
  for (let from = 1; from <= Number(max.rows[0]!.max); from += batch) {
    await pool().query(
      `insert into turns (trajectory_id, index, role, raw_text, thought, action, action_kind, loss)
       select t.id, k, case when k % 2 = 0 then 'user' else 'assistant' end::"TurnRole",
              case when k % 2 = 0 then 'The output of the OS: ' || repeat(md5(t.id::text || k), 4)
                   else 'Think: look at the files.' || chr(10) || chr(10) || 'Act: bash' end,
              case when k % 2 = 1 then 'look at the files.' end, case when k % 2 = 1 then 'ls -la' end,
              case when k % 2 = 1 then 'bash' end, case when k % 2 = 1 then true end
         from trajectories t cross join generate_series(0, $3::int - 1) k
        where t.id between $1 and $2 and not exists (select 1 from turns x where x.trajectory_id = t.id)`,
      [from, from + batch - 1, TURNS],
    );
  }
  log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Times the queue on a settled database, as a long-lived one is: vacuumed (else autovacuum
 * starts on the 6M freshly inserted turns during the timed run and takes one of the host's
 * cores) and checkpointed (else the seeding's WAL is written out during it).
 */
async function settle() {
  const started = performance.now();
  await pool().query("vacuum (analyze) trajectories, turns, reviews, review_claims");
  await pool().query("checkpoint");
  log(`  vacuumed and checkpointed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** A reused database starts like a fresh one: no reviews, claims or bench users; then settled (a fresh one too). */
async function resetReviews() {
  await pool().query("delete from reviews");
  await pool().query("truncate review_claims");
  await pool().query("delete from users where email like 'bench-reviewer-%'");
  await pool().query("update trajectories set review_count = 0, status = 'pending' where review_count > 0");
  await settle();
}

/** Reviewers straight in SQL with an API token each (no password: they only use the API). */
async function createReviewers(count: number) {
  const reviewers: { id: number; token: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = await pool().query<{ id: number }>(
      "insert into users (email, role, password_hash) values ($1, 'reviewer', 'no-password') returning id",
      [`bench-reviewer-${i}@bench.local`],
    );
    const token = newSecret(TOKEN_PREFIX);
    await pool().query("insert into api_tokens (user_id, name, token_hash, prefix) values ($1, 'bench', $2, $3)", [
      user.rows[0]!.id, hashSecret(token), token.slice(0, TOKEN_PREFIX.length + 6),
    ]);
    reviewers.push({ id: user.rows[0]!.id, token });
  }
  return reviewers;
}

/** The production build (built into .next-bench when missing or stale) served by scripts/serve.ts. */
async function startServer(): Promise<ChildProcess> {
  const env = { ...process.env, TS_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };
  process.env.TS_DIST_DIR = distDir; // buildIsStale reads the folder from the environment
  if (buildIsStale()) {
    log(`building the app into ${distDir} (sources changed)...`);
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    const code = await new Promise<number | null>((resolve) => spawn(process.execPath, [nextBin, "build"], { stdio: "ignore", env: { ...env, TS_DIST_DIR: distDir } }).on("exit", resolve));
    if (code !== 0) throw new Error(`next build failed (exit ${code}); run TS_DIST_DIR=${distDir} npx next build to see why`);
  }
  const child: ChildProcess = spawn(process.execPath, [...cpuProfileArgs("BENCH_SERVER_PROF"), "--import", "tsx", "scripts/serve.ts", "--port", String(httpPort)], { stdio: ["ignore", "ignore", "inherit"], env });
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    const ok = await fetch(`${base}/api/health`).then((response) => response.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGTERM");
  throw new Error(`the server did not answer on ${base} within 60 s`);
}

async function timed(endpoint: TEndpoint, run: () => Promise<Response>): Promise<Response | null> {
  const started = performance.now();
  try {
    const response = await run();
    samples[endpoint].push(performance.now() - started);
    if (!response.ok) errors[`${endpoint} ${response.status}`] = (errors[`${endpoint} ${response.status}`] ?? 0) + 1;
    return response;
  } catch (error) {
    errors[`${endpoint} ${(error as Error).message}`] = (errors[`${endpoint} ${(error as Error).message}`] ?? 0) + 1;
    return null;
  }
}

/** One reviewer: claim the next trajectory, read it, decide, until the time is up or the queue is empty. */
async function work(reviewer: { id: number; token: string }, deadline: number) {
  const headers = { authorization: `Bearer ${reviewer.token}`, "content-type": "application/json" };
  let turn = 0;
  while (Date.now() < deadline) {
    const claim = await timed("claim", () => fetch(`${base}/api/v1/queue/next`, { method: "POST", headers, body: JSON.stringify({ filter: args.filter }) }));
    if (!claim?.ok) continue;
    if (claim.status === 204) {
      ranDry = true;
      return;
    }
    const { id } = (await claim.json()) as { id: string };
    const detail = await timed("fetch", () => fetch(`${base}/api/v1/trajectories/${id}`, { headers }));
    if (!detail?.ok) continue;
    const { version } = (await detail.json()) as { version: number };
    turn += 1;
    const decision = turn % 4 === 0 ? { decision: "rejected", reasons: ["wrong answer"] } : { decision: "accepted" };
    const decide = await timed("decide", () =>
      fetch(`${base}/api/v1/trajectories/${id}/reviews`, { method: "POST", headers, body: JSON.stringify({ ...decision, version }) }),
    );
    if (decide?.ok) {
      await decide.arrayBuffer();
      decided.push({ trajectoryId: id, reviewerId: reviewer.id });
    }
  }
}

/** The floor: the cheapest request the server answers, under the same load. */
async function probeHealth(deadline: number) {
  while (Date.now() < deadline) {
    const started = performance.now();
    const response = await fetch(`${base}/api/health`).catch(() => null);
    await response?.arrayBuffer();
    if (response?.ok) samples.health.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** No trajectory decided twice through the queue (one review required), and every 2xx decision stored. */
async function verify() {
  const double = await pool().query<{ n: number }>(
    "select count(*)::int as n from (select trajectory_id from reviews group by 1 having count(*) > 1) d",
  );
  const missing = await pool().query<{ n: number }>(
    `select count(*)::int as n from unnest($1::bigint[], $2::int[]) as d(trajectory_id, reviewer_id)
      where not exists (select 1 from reviews r where r.trajectory_id = d.trajectory_id and r.reviewer_id = d.reviewer_id)`,
    [decided.map((row) => row.trajectoryId), decided.map((row) => row.reviewerId)],
  );
  return { doubleDecisions: double.rows[0]!.n, missingDecisions: missing.rows[0]!.n };
}

/**
 * How many reviewers the server holds at the goal: fewer clients, one short
 * phase each from the most down, until every endpoint's p95 is under the goal
 * with no errors. 0 when even the smallest step misses it.
 */
async function findCapacity(reviewers: { id: number; token: string }[]) {
  const steps = CAPACITY_STEPS.filter((clients) => clients < reviewers.length);
  const tried: { clients: number; worstP95: number; errors: number }[] = [];
  for (const clients of steps) {
    for (const endpoint of Object.keys(samples) as (keyof typeof samples)[]) samples[endpoint] = [];
    for (const key of Object.keys(errors)) delete errors[key];
    log(`capacity: ${clients} clients for ${CAPACITY_SECONDS} s...`);
    const deadline = Date.now() + CAPACITY_SECONDS * 1000;
    await Promise.all(reviewers.slice(0, clients).map((reviewer) => work(reviewer, deadline)));
    const worst = worstP95(samples);
    const errorCount = Object.values(errors).reduce((sum, n) => sum + n, 0);
    tried.push({ clients, worstP95: worst, errors: errorCount });
    log(`  worst p95 ${worst} ms, ${errorCount} errors`);
    if (worst < GOAL_P95_MS && errorCount === 0) return { holdsClients: clients, tried };
  }
  return { holdsClients: 0, tried };
}

/** The slowest endpoint's p95: the figure the goal is about. */
function worstP95(timings: TSamples): number {
  return Math.max(...(["claim", "fetch", "decide"] as const).map((endpoint) => endpointFigures(timings[endpoint]).p95));
}

function endpointFigures(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
}

function report(
  elapsed: number,
  checks: { doubleDecisions: number; missingDecisions: number },
  { samples, errors }: { samples: TSamples; errors: Record<string, number> },
  capacity: Awaited<ReturnType<typeof findCapacity>>,
  cpu: TCpuSplit | null,
) {
  const figures = endpointFigures;
  const endpoints = { claim: figures(samples.claim), fetch: figures(samples.fetch), decide: figures(samples.decide) };
  const health = figures(samples.health);
  const requests = samples.claim.length + samples.fetch.length + samples.decide.length;
  const errorCount = Object.values(errors).reduce((sum, n) => sum + n, 0);
  const worst = worstP95(samples);
  const meets = worst < GOAL_P95_MS && errorCount === 0;
  log("");
  printTable(
    log,
    ["endpoint", "requests", "p50 ms", "p95 ms", "p99 ms"],
    [...Object.entries(endpoints), ["health (baseline)", health] as const].map(([name, f]) => [name, String(f.count), String(f.p50), String(f.p95), String(f.p99)]),
    [false, true, true, true, true],
  );
  const host = hostFigures();
  log(`${requests} requests in ${elapsed.toFixed(1)} s = ${(requests / elapsed).toFixed(1)} requests/s; ${decided.length} decisions`);
  log(`errors: ${errorCount ? Object.entries(errors).map(([key, n]) => `${key}: ${n}`).join(", ") : "none"}`);
  log(`double decisions through the queue: ${checks.doubleDecisions}; 2xx decisions not stored: ${checks.missingDecisions}`);
  log(`goal: p95 < ${GOAL_P95_MS} ms on every endpoint, 0 errors: ${meets ? "met" : "NOT met"} (worst p95 ${worst} ms)`);
  if (!meets) log(`holds ${capacity.holdsClients || "none"} of ${CAPACITY_STEPS.join("/")} clients at that p95 (${capacity.tried.map((step) => `${step.clients}: ${step.worstP95} ms`).join(", ")})`);
  if (ranDry) log("the queue ran dry during the run: seed more trajectories (--trajectories) for figures at full load");
  log(`host: ${host.cores} CPUs, load average ${loadBefore} before, ${host.load} after; ${describeCpu(cpu)} (bench = the clients)`);
  printJson(args.json, {
    bench: "review",
    scale: SCALE,
    trajectories: COUNT,
    clients: CLIENTS,
    seconds: round(elapsed),
    rps: round(requests / elapsed),
    decisions: decided.length,
    endpoints,
    errors: errorCount,
    errorsByStatus: errors,
    ...checks,
    holdsClients: meets ? CLIENTS : capacity.holdsClients,
    ranDry,
    capacity: capacity.tried,
    goal: `p95 < ${GOAL_P95_MS} ms per endpoint, 0 errors`,
    baseline: `GET /api/health under the same load: p95 ${health.p95} ms`,
    baselineP95Ms: health.p95,
    ratio: round(worst / GOAL_P95_MS),
    pass: worst < GOAL_P95_MS && errorCount === 0 && checks.doubleDecisions === 0 && checks.missingDecisions === 0,
    host: { ...host, loadBefore, cpu },
  });
}

function round(value: number) {
  return Math.round(value * 10) / 10;
}
