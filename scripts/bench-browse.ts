/**
 * Browse benchmark: seeds a fresh embedded PostgreSQL with N trajectories
 * (SQL generate_series, seconds not minutes) and one 300-turn trajectory with
 * observations of hundreds of KB, then times the functions behind the table,
 * its facets and the replay page: p50 / p95 / max over repeated runs.
 *
 *   npm run bench:browse [-- --scale small|full --trajectories 1000000 --runs 50 --explain --json --keep]
 *
 * --scale small seeds 50,000 trajectories and times 10 runs per case (full: 1M, 50).
 * Facets have a goal of p95 ≤ 100 ms; the baseline is a `select 1` round trip on the same pool.
 *
 * --explain prints EXPLAIN (ANALYZE, BUFFERS) of the statements behind every
 * case whose p50 is above --slow-ms (default 100).
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "../lib/access/actor";
import { pool } from "../lib/db/client";
import { COMMON_OPTIONS, hostFigures, parseScale, percentile, printJson, printTable, runCases, startBenchDatabase, timeCase, type TCase } from "./bench-support";
import { facetCounts } from "../lib/trajectories/facets";
import { getTrajectory } from "../lib/trajectories/get-trajectory";
import { listTrajectories, type TTrajectoryPage } from "../lib/trajectories/list-trajectories";
import { filterOf, ZTrajectoryQuery } from "../lib/trajectories/query";
import { LONG_EXTERNAL_ID, seed } from "./bench-browse-seed";

const { values: args } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    trajectories: { type: "string" },
    runs: { type: "string" },
    warmup: { type: "string", default: "3" },
    batch: { type: "string", default: "100000" },
    explain: { type: "boolean", default: false },
    "slow-ms": { type: "string", default: "100" },
  },
});
const SCALE = parseScale(args.scale);
args.trajectories ??= SCALE === "full" ? "1000000" : "50000";
args.runs ??= SCALE === "full" ? "50" : "10";
const COUNT = positive("trajectories");
const RUNS = positive("runs");
const FACETS_GOAL_MS = 100;
const WARMUP = Number(args.warmup);
const BATCH = positive("batch");
const SLOW_MS = Number(args["slow-ms"]);

function positive(name: "trajectories" | "runs" | "batch"): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}


const log = (line: string) => console.log(line);
/** The lib entry points check a scope; the bench acts as the system (admin scopes). */
const actor = systemActor("bench");
const ms = (value: number) => value.toFixed(1);

const dataDir = path.resolve(".data/bench-browse");
rmSync(dataDir, { recursive: true, force: true });
let completed = false;
const { shutdown } = await startBenchDatabase(dataDir, Number(process.env.BENCH_PG_PORT ?? 54333), log);

try {
  log(`seeding ${COUNT.toLocaleString("en-US")} trajectories...`);
  const started = performance.now();
  const seeded = await seed(COUNT, BATCH, log);
  const seedMs = performance.now() - started;

  const version = await pool().query<{ v: string }>("select current_setting('server_version') as v");
  log("");
  log(`PostgreSQL ${version.rows[0]?.v}, ${COUNT.toLocaleString("en-US")} trajectories`);
  log(
    `seed: ${ms(seedMs / 1000)} s total = rows ${ms(seeded.trajectoriesMs / 1000)} s + indexes ${ms(seeded.indexesMs / 1000)} s` +
      ` + vacuum/analyze ${ms(seeded.vacuumMs / 1000)} s + long trajectory import ${ms(seeded.longImportMs / 1000)} s`,
  );
  await printTableSizes();

  const cases = await buildCases();
  const loadBefore = hostFigures().load;
  const results = await runCases(cases, { warmup: WARMUP, runs: RUNS }, log);
  const floor = await timeCase({ name: "select 1", run: () => pool().query("select 1"), describe: () => "" }, { warmup: 3, runs: RUNS });
  const facetResults = results.filter((result) => result.name.startsWith("facets:"));
  const worstFacets = Math.max(...facetResults.map((result) => result.p95));
  log(`facets: worst p95 ${ms(worstFacets)} ms, goal ≤ ${FACETS_GOAL_MS} ms: ${worstFacets <= FACETS_GOAL_MS ? "met" : "NOT met"}; baseline select 1 p95 ${ms(floor.p95)} ms`);

  const slow = results.filter((result) => result.p50 > SLOW_MS);
  if (slow.length) {
    log("");
    log(`cases with p50 over ${SLOW_MS} ms, statement by statement (median of 5 runs each):`);
    for (const result of slow) await breakDown(cases.find((bench) => bench.name === result.name)!);
  }
  completed = true;
  const round = (value: number) => Math.round(value * 10) / 10;
  printJson(args.json, {
    bench: "browse",
    scale: SCALE,
    trajectories: COUNT,
    cases: results.map((result) => ({ name: result.name, p50: round(result.p50), p95: round(result.p95), max: round(result.max) })),
    facetsWorstP95: round(worstFacets),
    goal: `facets p95 ≤ ${FACETS_GOAL_MS} ms`,
    baseline: `select 1 round trip p95 ${ms(floor.p95)} ms`,
    baselineP95Ms: round(floor.p95),
    ratio: round(worstFacets / FACETS_GOAL_MS),
    pass: worstFacets <= FACETS_GOAL_MS,
    host: { ...hostFigures(), loadBefore },
  });
} finally {
  await shutdown();
  // ~1.5 GB at 1M rows; a failed run keeps it for a look (and --keep keeps it).
  if (completed && !args.keep) rmSync(dataDir, { recursive: true, force: true });
}

async function printTableSizes() {
  const sizes = await pool().query<{ table: string; heap: string; toast: string; indexes: string; total: string }>(
    `select c.relname as table,
            pg_size_pretty(pg_relation_size(c.oid)) as heap,
            pg_size_pretty(coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0)) as toast,
            pg_size_pretty(pg_indexes_size(c.oid)) as indexes,
            pg_size_pretty(pg_total_relation_size(c.oid)) as total
       from pg_class c
      where c.relname in ('datasets', 'trajectories', 'turns') and c.relkind = 'r'
      order by c.relname`,
  );
  const counts: Record<string, string> = {};
  for (const table of ["datasets", "trajectories", "turns"]) {
    const counted = await pool().query<{ n: string }>(`select count(*)::text as n from ${table}`);
    counts[table] = Number(counted.rows[0]?.n ?? 0).toLocaleString("en-US");
  }
  log("");
  printTable(
    log,
    ["table", "rows", "heap", "toast", "indexes", "total"],
    sizes.rows.map((row) => [row.table, counts[row.table] ?? "?", row.heap, row.toast, row.indexes, row.total]),
    [false, true, true, true, true, true],
  );
  const big = await pool().query<{ name: string; size: string }>(
    `select indexrelid::regclass::text as name, pg_size_pretty(pg_relation_size(indexrelid)) as size
       from pg_index where indrelid = 'trajectories'::regclass order by pg_relation_size(indexrelid) desc limit 3`,
  );
  log(`largest trajectories indexes: ${big.rows.map((row) => `${row.name} ${row.size}`).join(", ")}`);
}

async function buildCases(): Promise<TCase[]> {
  const query = (input: Record<string, unknown>) => ZTrajectoryQuery.parse(input);
  const page = (result: unknown) => {
    const { rows, total, next } = result as TTrajectoryPage;
    return `${rows.length} rows of ${total.estimated ? "~" : ""}${total.value.toLocaleString("en-US")}${next ? "" : ", last page"}`;
  };
  const facets = (result: unknown) => {
    const all = result as Record<string, { count: number; estimated: boolean }[]>;
    return Object.entries(all).map(([name, values]) => `${name} ${values.length}${values.some((value) => value.estimated) ? "≈" : ""}`).join(", ");
  };
  const detail = (result: unknown) => {
    const trajectory = result as Awaited<ReturnType<typeof getTrajectory>>;
    if (!trajectory) return "not found";
    const chars = trajectory.turns.reduce((sum, turn) => sum + turn.rawText.length, 0);
    const cut = trajectory.turns.filter((turn) => turn.truncated).length;
    return `${trajectory.turns.length} turns, ${(chars / 1e6).toFixed(2)} M chars${cut ? `, ${cut} cut` : ""}`;
  };

  // Two words that occur together in few instructions, and one word in many (every os instruction).
  const rare = "blue shirt";
  const common = "linux";
  const pageOne = (input: Record<string, unknown>) => async () => {
    const first = await listTrajectories(actor, query(input));
    if (!first.next) throw new Error(`no second page for ${JSON.stringify(input)}`);
    return query({ ...input, after: first.next });
  };
  const idPage2 = await pageOne({})();
  const rewardPage2 = await pageOne({ sort: "reward" })();
  const filteredPage2 = await pageOne({ task: ["webshop"], rewardMin: 0.5 })();

  const long = await pool().query<{ id: string }>("select id::text from trajectories where external_id = $1", [LONG_EXTERNAL_ID]);
  const longId = long.rows[0]?.id;
  if (!longId) throw new Error("the long trajectory is missing");

  const list = (name: string, input: ReturnType<typeof query>): TCase => ({ name, run: () => listTrajectories(actor, input), describe: page });
  return [
    list("list: no filter (id desc, 50)", query({})),
    list("list: no filter, page 2", idPage2),
    list("list: task=webshop, reward>=0.5", query({ task: ["webshop"], rewardMin: 0.5 })),
    list("list: task=webshop, reward>=0.5, page 2", filteredPage2),
    // Few matches (~1 %) and no index to find them: the capped count reads the whole table.
    list("list: loop=yes, noReward=yes", query({ loop: "yes", noReward: "yes" })),
    // Labels live in their own table (lib/trajectories/contamination-label.ts): ~2 % of rows are dirty.
    list("list: contamination=dirty", query({ contamination: ["dirty"] })),
    list(`list: q="${rare}"`, query({ q: rare })),
    list(`list: q="${common}"`, query({ q: common })),
    list("list: sort=reward desc", query({ sort: "reward" })),
    list("list: sort=reward desc, page 2", rewardPage2),
    list("list: sort=reward asc", query({ sort: "reward", dir: "asc" })),
    list("list: task=webshop, sort=reward desc", query({ task: ["webshop"], sort: "reward" })),
    { name: "replay: getTrajectory(300 turns, maxTurnChars 4000)", run: () => getTrajectory(actor, longId, { maxTurnChars: 4000 }), describe: detail },
    { name: "api: getTrajectory(300 turns, full)", run: () => getTrajectory(actor, longId), describe: detail },
    { name: "facets: no filter", run: () => facetCounts(actor, filterOf(query({}))), describe: facets },
    { name: "facets: task=webshop", run: () => facetCounts(actor, filterOf(query({ task: ["webshop"] }))), describe: facets },
    { name: "facets: task=webshop, reward>=0.5", run: () => facetCounts(actor, filterOf(query({ task: ["webshop"], rewardMin: 0.5 }))), describe: facets },
    { name: `facets: q=${common}`, run: () => facetCounts(actor, filterOf(query({ q: common }))), describe: facets },
    { name: "facets: passes=yes", run: () => facetCounts(actor, filterOf(query({ passes: "yes" }))), describe: facets },
    { name: "facets: contamination=dirty", run: () => facetCounts(actor, filterOf(query({ contamination: ["dirty"] }))), describe: facets },
  ];
}





/** Records the SQL a case sends through pool().query, then times (and optionally explains) each statement alone. */
async function breakDown(bench: TCase) {
  const statements: { text: string; values: unknown[] }[] = [];
  const db = pool() as unknown as { query: (...args: unknown[]) => unknown };
  const original = db.query;
  db.query = function (this: unknown, ...args: unknown[]) {
    if (typeof args[0] === "string") statements.push({ text: args[0], values: Array.isArray(args[1]) ? args[1] : [] });
    return original.apply(this, args);
  };
  try {
    await bench.run();
  } finally {
    db.query = original;
  }
  log("");
  log(`${bench.name}: ${statements.length} statements`);
  for (const statement of statements) {
    const samples: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      await pool().query(statement.text, statement.values);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const median = percentile(samples, 50);
    log(`  ${ms(median).padStart(8)} ms  ${oneLine(statement.text)}  ${JSON.stringify(statement.values)}`);
    if (args.explain && median >= 10 && !/^\s*explain/i.test(statement.text)) {
      const plan = await pool().query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${statement.text}`, statement.values);
      for (const row of plan.rows) log(`      ${row["QUERY PLAN"]}`);
    }
  }
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, " ").trim();
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
