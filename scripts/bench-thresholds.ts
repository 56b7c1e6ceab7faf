/**
 * Thresholds benchmark: seeds a fresh embedded PostgreSQL with N trajectories
 * (the seeding of bench-browse: six tasks plus general data, ~38 % without
 * reward, continuous rewards for webshop/kg/mind2web), adds open proposals at
 * off-grid values, then times what the thresholds page computes (the one
 * aggregate behind histograms and curves, and the whole page's data) and the
 * table's "passes threshold" filter: p50 / p95 / max over repeated runs.
 *
 *   npm run bench:thresholds [-- --trajectories 1000000 --runs 30 --explain]
 *
 * --keep leaves the database in .data/bench-thresholds; --reuse times an
 * existing one again without seeding.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "../lib/access/actor";
import { pool } from "../lib/db/client";
import { COMMON_OPTIONS, hostFigures, parseScale, printJson, runCases, startBenchDatabase, timeCase, type TCase } from "./bench-support";
import { GRID_STEPS } from "../lib/thresholds/curve";
import { loadRewardHistograms } from "../lib/thresholds/figures";
import { getThresholdOverview, type TThresholdOverview } from "../lib/thresholds/overview";
import { loadThresholdRules } from "../lib/thresholds/rules";
import { facetCounts } from "../lib/trajectories/facets";
import { listTrajectories, type TTrajectoryPage } from "../lib/trajectories/list-trajectories";
import { filterOf, ZTrajectoryQuery } from "../lib/trajectories/query";
import { seed } from "./bench-browse-seed";

const { values: args } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    trajectories: { type: "string" },
    runs: { type: "string" },
    warmup: { type: "string", default: "3" },
    batch: { type: "string", default: "100000" },
    explain: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});
const SCALE = parseScale(args.scale);
args.trajectories ??= SCALE === "full" ? "1000000" : "50000";
args.runs ??= SCALE === "full" ? "30" : "10";
/** The page's figures: p95 of each case within this many times a full scan of the rewards (the physical floor). */
const GOAL_RATIO = 3;
const COUNT = Number(args.trajectories);
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const BATCH = Number(args.batch);
for (const [name, value] of Object.entries({ trajectories: COUNT, runs: RUNS, batch: BATCH })) {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
}


const log = (line: string) => console.log(line);
const actor = systemActor("bench");
const ms = (value: number) => value.toFixed(1);

const dataDir = path.resolve(".data/bench-thresholds");
const reuse = args.reuse && existsSync(path.join(dataDir, "pg", "PG_VERSION"));
if (!reuse) rmSync(dataDir, { recursive: true, force: true });
let completed = false;
const { shutdown } = await startBenchDatabase(dataDir, Number(process.env.BENCH_PG_PORT ?? 54334), log);

try {
  if (!reuse) {
    log(`seeding ${COUNT.toLocaleString("en-US")} trajectories...`);
    const started = performance.now();
    await seed(COUNT, BATCH, log);
    await addProposals();
    log(`seeded in ${ms((performance.now() - started) / 1000)} s`);
  }
  const counted = await pool().query<{ n: string; agent: string; rewarded: string }>(
    `select count(*)::text as n, count(*) filter (where d.kind = 'agent')::text as agent,
            count(*) filter (where d.kind = 'agent' and t.reward is not null)::text as rewarded
       from trajectories t join datasets d on d.id = t.dataset_id`,
  );
  const version = await pool().query<{ v: string; workers: string }>(
    "select current_setting('server_version') as v, current_setting('max_parallel_workers_per_gather') as workers",
  );
  const row = counted.rows[0]!;
  log("");
  log(
    `PostgreSQL ${version.rows[0]?.v} (parallel workers per gather: ${version.rows[0]?.workers}), ` +
      `${Number(row.n).toLocaleString("en-US")} trajectories, ${Number(row.agent).toLocaleString("en-US")} agent, ` +
      `${Number(row.rewarded).toLocaleString("en-US")} with a reward`,
  );

  const cases = await buildCases();
  const loadBefore = hostFigures().load;
  const results = await runCases(cases, { warmup: WARMUP, runs: RUNS }, log);
  const floor = await timeCase(
    { name: "scan", run: () => pool().query("select count(*), avg(reward) from trajectories where reward is not null"), describe: () => "" },
    { warmup: 2, runs: RUNS },
  );
  const worst = Math.max(...results.map((result) => result.p95));
  log(`baseline (one scan of every reward): p95 ${ms(floor.p95)} ms; worst case p95 ${ms(worst)} ms = ${(worst / floor.p95).toFixed(1)}x`);
  if (args.explain) await explainHistogram();
  completed = true;
  const round = (value: number) => Math.round(value * 10) / 10;
  printJson(args.json, {
    bench: "thresholds",
    scale: SCALE,
    trajectories: COUNT,
    cases: results.map((result) => ({ name: result.name, p50: round(result.p50), p95: round(result.p95), max: round(result.max) })),
    worstP95: round(worst),
    goal: `worst p95 ≤ ${GOAL_RATIO}x one scan of the rewards`,
    baseline: `select count(*), avg(reward) over every reward: p95 ${ms(floor.p95)} ms`,
    baselineP95Ms: round(floor.p95),
    ratio: round(worst / floor.p95),
    pass: worst <= GOAL_RATIO * floor.p95,
    host: { ...hostFigures(), loadBefore },
  });
} finally {
  await shutdown();
  if (completed && !args.keep) rmSync(dataDir, { recursive: true, force: true });
}

/** Open proposals at off-grid values (their buckets are split by exact value), and one applied change. */
async function addProposals() {
  await pool().query(
    "insert into users (email, role, password_hash) values ('rae@bench', 'reviewer', 'x'), ('ada@bench', 'admin', 'x') on conflict do nothing",
  );
  await pool().query(
    `insert into threshold_proposals (task, value, reason, proposed_by_id)
     select p.task, p.value, p.reason, (select id from users where email = 'rae@bench')
       from (values ('mind2web', 0.5, 'keep half-right runs'), ('webshop', 0.625, 'most attributes matched'),
                    ('kg', 0.8, 'near-complete answers'), ('db', 0.9, 'never mind')) as p(task, value, reason)`,
  );
}

async function buildCases(): Promise<TCase[]> {
  const query = (input: Record<string, unknown>) => ZTrajectoryQuery.parse(input);
  const page = (result: unknown) => {
    const { rows, total } = result as TTrajectoryPage;
    return `${rows.length} rows of ${total.estimated ? "~" : ""}${total.value.toLocaleString("en-US")}`;
  };
  const facets = (result: unknown) => `task ${(result as { task: unknown[] }).task.length}`;
  const overview = (result: unknown) => {
    const { tasks } = result as TThresholdOverview;
    const points = tasks.reduce((sum, task) => sum + task.curve.length, 0);
    const mind2web = tasks.find((task) => task.task === "mind2web");
    return `${tasks.length} tasks, ${points} curve points${mind2web ? `, mind2web ${mind2web.counts.passing.total.toLocaleString("en-US")} pass` : ""}`;
  };
  const rules = await loadThresholdRules();
  const open = await pool().query<{ task: string; value: number }>("select task, value from threshold_proposals where state = 'open'");
  const marks = [
    { task: null, value: rules.defaultForOtherTasks },
    ...Object.entries(rules.byTask).map(([task, row]) => ({ task, value: row.threshold })),
    ...open.rows,
  ];
  return [
    {
      name: "figures: the one aggregate (histograms of every task)",
      run: () => loadRewardHistograms(marks),
      describe: (result) => {
        const histograms = result as Awaited<ReturnType<typeof loadRewardHistograms>>;
        const bins = [...histograms.values()].reduce((sum, histogram) => sum + histogram.bins.length, 0);
        return `${histograms.size} tasks, ${bins} bins (${GRID_STEPS + 1} buckets + split values)`;
      },
    },
    { name: "page: getThresholdOverview (figures, curves, what-if, proposals, history)", run: () => getThresholdOverview(actor), describe: overview },
    { name: "list: passes=yes (id desc, 50)", run: () => listTrajectories(actor, query({ passes: "yes" })), describe: page },
    { name: "list: passes=no", run: () => listTrajectories(actor, query({ passes: "no" })), describe: page },
    { name: "list: task=mind2web, passes=yes", run: () => listTrajectories(actor, query({ task: ["mind2web"], passes: "yes" })), describe: page },
    { name: "list: task=mind2web, passes=yes, sort=reward", run: () => listTrajectories(actor, query({ task: ["mind2web"], passes: "yes", sort: "reward" })), describe: page },
    { name: "list: no filter (baseline, with the passes column)", run: () => listTrajectories(actor, query({})), describe: page },
    { name: "facets: no filter (baseline)", run: () => facetCounts(actor, filterOf(query({}))), describe: facets },
    { name: "facets: passes=yes (rules read inside the statement)", run: () => facetCounts(actor, filterOf(query({ passes: "yes" }))), describe: facets },
  ];
}




/** The plan of the aggregate, as the page sends it. */
async function explainHistogram() {
  const statements: { text: string; values: unknown[] }[] = [];
  const db = pool() as unknown as { query: (...args: unknown[]) => unknown };
  const original = db.query;
  db.query = function (this: unknown, ...queryArgs: unknown[]) {
    if (typeof queryArgs[0] === "string") statements.push({ text: queryArgs[0], values: Array.isArray(queryArgs[1]) ? queryArgs[1] : [] });
    return original.apply(this, queryArgs);
  };
  try {
    await loadRewardHistograms([{ task: "mind2web", value: 2 / 3 }, { task: "webshop", value: 0.625 }]);
  } finally {
    db.query = original;
  }
  const statement = statements[0]!;
  const plan = await pool().query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${statement.text}`, statement.values);
  log("");
  for (const line of plan.rows) log(`  ${line["QUERY PLAN"]}`);
}
