/**
 * Export benchmark: seeds its own embedded PostgreSQL with N trajectories and
 * their turns (six agent tasks in AgentInstruct shape plus ShareGPT-like
 * general data, straight in SQL), then runs the real export job (draw,
 * transforms, conversations + messages JSONL + parquet writers, sha256,
 * manifest) on the default recipe: all eligible agent data, general data
 * added to reach eta 0.2. Prints MB/s of files written, trajectories/s and
 * the peak RSS of this process while the export ran.
 *
 *   npm run bench:export [-- --scale small|full --trajectories 1000000 --reuse --formats conversations,messages,parquet --json --keep]
 *
 * --scale small: 20,000 trajectories (full: 1M). The baseline, in the same
 * run: a raw `COPY (select raw_text ...) TO STDOUT` of the same turns the
 * export read (goal: the export at ≥ 0.5x that and ≥ 50 MB/s);
 * a plain COPY of every turn in table order is printed beside it. The database is deleted
 * afterwards unless --keep; --reuse exports again from a kept one.
 */
import { existsSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "../lib/access/actor";
import { pool } from "../lib/db/client";
import { createExport, getExport } from "../lib/export/exports";
import { EXPORT_FORMATS, type TExportFormat } from "../lib/export/recipe";
import { runExport } from "../lib/export/run";
import { LocalExportStorage } from "../lib/export/storage";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { to as copyTo } from "pg-copy-streams";
import { COMMON_OPTIONS, hostFigures, parseScale, printJson, startBenchDatabase } from "./bench-support";
import { describeCpu, startCpuMeter } from "./bench-cpu";

const { values: args } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    trajectories: { type: "string" },
    reuse: { type: "boolean", default: false },
    formats: { type: "string", default: "conversations,messages,parquet" },
  },
});
const SCALE = parseScale(args.scale);
const COUNT = Number(args.trajectories ?? (SCALE === "full" ? 1_000_000 : 20_000));
const loadBefore = hostFigures().load;
const FORMATS = args.formats.split(",") as TExportFormat[];
for (const format of FORMATS) if (!EXPORT_FORMATS.includes(format)) throw new Error(`--formats: unknown format ${format}`);
const DATA_DIR = path.resolve(".data/bench-export");
const log = (line: string) => process.stdout.write(`${line}\n`);
const AGENT_TASKS = ["os", "db", "alfworld", "webshop", "kg", "mind2web"];

if (!args.reuse && existsSync(DATA_DIR)) rmSync(DATA_DIR, { recursive: true, force: true });
const { shutdown } = await startBenchDatabase(DATA_DIR, Number(process.env.BENCH_PG_PORT ?? 54336), log);
try {
  if (!args.reuse) await seed(COUNT);
  const facts = await pool().query<{ trajectories: number; turns: number; mb: number }>(
    "select (select count(*)::int from trajectories) as trajectories, (select count(*)::int from turns) as turns, (select round(sum(octet_length(raw_text)) / 1e6)::int from turns) as mb",
  );
  log(`data: ${facts.rows[0]!.trajectories.toLocaleString("en-US")} trajectories, ${facts.rows[0]!.turns.toLocaleString("en-US")} turns, ${facts.rows[0]!.mb} MB of turn text`);
  const exported = await benchExport();
  await pool().query("analyze export_items"); // fresh statistics, as the planner has on a long-lived table
  const copyMbPerS = await rawCopyMbPerS(sameTurnsSql(exported.exportId));
  const copyAllMbPerS = await rawCopyMbPerS("select raw_text from turns");
  const ratio = exported.mbPerS / copyMbPerS;
  log(`baseline: raw COPY of the turns the export read (its samples' turns) TO STDOUT: ${copyMbPerS.toFixed(1)} MB/s; export = ${ratio.toFixed(2)}x (goal ≥ 0.5x and ≥ 50 MB/s)`);
  log(`          (a plain COPY (select raw_text from turns), every turn in table order: ${copyAllMbPerS.toFixed(1)} MB/s; export = ${(exported.mbPerS / copyAllMbPerS).toFixed(2)}x of that)`);
  const round = (value: number) => Math.round(value * 100) / 100;
  const { hostCpu, ...figures } = exported;
  printJson(args.json, {
    bench: "export",
    scale: SCALE,
    trajectories: COUNT,
    ...figures,
    mbPerS: round(exported.mbPerS),
    copyMbPerS: round(copyMbPerS),
    copyAllTurnsMbPerS: round(copyAllMbPerS),
    ratio: round(ratio),
    goal: "≥ 0.5x a raw COPY of the turns, ≥ 50 MB/s, peak RSS ≤ 500 MB",
    baseline: `raw COPY of the export's turns TO STDOUT ${copyMbPerS.toFixed(1)} MB/s (every turn: ${copyAllMbPerS.toFixed(1)} MB/s)`,
    pass: ratio >= 0.5 && exported.mbPerS >= 50 && exported.peakRssMb <= 500,
    host: { ...hostFigures(), loadBefore, cpu: hostCpu },
  });
} finally {
  await shutdown();
  if (!args.keep) rmSync(DATA_DIR, { recursive: true, force: true });
}

/**
 * The turns the export read: every drawn sample's turns (a repeat read again, a pair's rejected run too), each
 * sample's through the turns index as the export fetches them. Unordered, so PostgreSQL pays no sort of the texts
 * (the export only orders ids). A plain `select raw_text from turns` also reads turns the draw left out.
 */
function sameTurnsSql(exportId: number): string {
  return `select u.raw_text from export_items i join turns u on u.trajectory_id = any(array[i.trajectory_id, i.rejected_id])
           where i.export_id = ${Number(exportId)}`;
}

/** The physical floor: the turns' text streamed out of PostgreSQL and thrown away. */
async function rawCopyMbPerS(query: string): Promise<number> {
  const client = await pool().connect();
  try {
    let bytes = 0;
    const started = performance.now();
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((bytes += chunk.length), done()) });
    await pipeline(client.query(copyTo(`copy (${query}) to stdout`)), sink);
    return bytes / 1e6 / ((performance.now() - started) / 1000);
  } finally {
    client.release();
  }
}

async function benchExport() {
  const actor = systemActor("bench");
  const outDir = await mkdtemp(path.join(os.tmpdir(), "bench-export-"));
  const storage = new LocalExportStorage(outDir);
  const created = await createExport(actor, { recipe: { formats: FORMATS, inclusion: { statuses: ["accepted", "pending"] } } });
  let peak = memoryNow("draw");
  let drawnAt = 0;
  const sampler = setInterval(() => {
    const now = memoryNow(drawnAt ? "write" : "draw");
    if (now.rss > peak.rss) peak = now;
  }, 100);
  const cpuBefore = process.cpuUsage();
  const mainBefore = process.threadCpuUsage();
  const meter = startCpuMeter();
  const started = performance.now();
  const { state } = await runExport(actor, created.id, {
    onProgress(done, total) {
      if (done === 0) drawnAt = performance.now();
      if (done > 0 && done % 100_000 < 500) log(`  ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} samples`);
    },
  }, storage);
  const ended = performance.now();
  const hostCpu = meter.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const main = process.threadCpuUsage(mainBefore);
  const mainCpuSeconds = (main.user + main.system) / 1e6;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  const exported = await getExport(actor, created.id);
  if (state !== "finished") throw new Error(`export ${state}: ${exported.error}`);
  const bytes = exported.files.reduce((sum, file) => sum + file.bytes, 0);
  const samples = exported.summary!.plan.total;
  const writeSeconds = (ended - drawnAt) / 1000;
  const totalSeconds = (ended - started) / 1000;
  log("");
  log(`export of ${samples.toLocaleString("en-US")} samples (${exported.summary!.plan.agentTotal.toLocaleString("en-US")} agent, ${exported.summary!.plan.general.total.toLocaleString("en-US")} general) drawn from ${COUNT.toLocaleString("en-US")} trajectories, formats ${FORMATS.join(", ")}`);
  for (const file of exported.files) log(`  ${file.name.padEnd(24)} ${(file.bytes / 1e6).toFixed(1).padStart(9)} MB`);
  log(`draw (selection in SQL):      ${((drawnAt - started) / 1000).toFixed(1)} s`);
  log(`write (stream, transform, hash): ${writeSeconds.toFixed(1)} s`);
  log(`total:                        ${totalSeconds.toFixed(1)} s`);
  log(`throughput: ${(bytes / 1e6 / totalSeconds).toFixed(1)} MB/s of files overall (${(bytes / 1e6 / writeSeconds).toFixed(1)} MB/s while writing), ${Math.round(samples / totalSeconds).toLocaleString("en-US")} trajectories/s`);
  log(`CPU during the export: ${cpuSeconds.toFixed(2)} s in this process, ${mainCpuSeconds.toFixed(2)} s of it on the main thread (less swayed by other load than wall time)`);
  log(`${describeCpu(hostCpu)} (bench = the export)`);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  log(`peak RSS during the export: ${mb(peak.rss)} (aim < 500 MB), during the ${peak.phase}: V8 heap ${mb(peak.heapUsed)} used of ${mb(peak.heapTotal)}, buffers ${mb(peak.arrayBuffers)}, the rest (code, malloc) ${mb(peak.rss - peak.heapTotal - peak.arrayBuffers)}`);
  if (!process.env.BENCH_KEEP_OUTPUT) await rm(outDir, { recursive: true, force: true });
  else log(`files kept in ${outDir}`);
  return { exportId: created.id, samples, mb: Math.round(bytes / 1e6), mbPerS: bytes / 1e6 / totalSeconds, cpuSeconds: Math.round(cpuSeconds * 100) / 100, mainCpuSeconds: Math.round(mainCpuSeconds * 100) / 100, peakRssMb: Math.round(peak.rss / 1e6), hostCpu };
}

/** What the process's memory is made of at a moment, to tell where a peak comes from. */
function memoryNow(phase: "draw" | "write") {
  const { rss, heapUsed, heapTotal, arrayBuffers } = process.memoryUsage();
  return { phase, rss, heapUsed, heapTotal, arrayBuffers };
}

/**
 * 20 % agent trajectories (AgentInstruct-like: prompt, ack, task turn, three
 * steps with thoughts, two observations), 80 % general conversations (four
 * turns), so eta 0.2 over all agent data draws most of the general data. Texts are built from md5s so every row is distinct; ~15 % of agent
 * trajectories fail their threshold.
 */
async function seed(count: number) {
  const db = pool();
  log(`seeding ${count.toLocaleString("en-US")} trajectories with turns...`);
  const started = performance.now();
  await db.query(`insert into datasets (name, kind, source_file, format, sha256, size_bytes, imported_by) values
    ('bench-agent', 'agent', 'bench-agent.jsonl', 'agentinstruct', md5('a'), 0, 'bench'),
    ('bench-general', 'general', 'bench-general.json', 'sharegpt', md5('g'), 0, 'bench')`);
  // One definition of the turn texts, for the turns and for each trajectory's text_bytes (what the import stores).
  await db.query(
    `create or replace function bench_turn_text(id bigint, task text, k int) returns text language sql immutable as $fn$
       select case when task = 'general' then repeat(md5(id || ':' || k) || ' chat words here ', 8 + k * 4)
                   when k = 0 then 'You are an agent. In every turn, first think, then act. ' || repeat('The rules of the task say this. ', 12)
                   when k = 1 then 'OK.'
                   when k = 2 then 'Now, the task: ' || repeat(md5(id || ':' || k) || ' ', 6)
                   when k % 2 = 1 then 'Thought: I should look at ' || md5(id || ':' || k) || ' before I act.' || E'\\nAction: search[' || md5(id || 'a' || k) || ']'
                   else 'Observation: ' || repeat(md5(id || ':' || k) || ' [SEP] result ', 10) end
     $fn$`,
  );
  const batch = 100_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await db.query(
      `insert into trajectories (id, dataset_id, external_id, task, source_model, reward, status, instruction, turn_count, step_count, token_count, text_bytes, content_hash)
       select i, case when i % 5 <> 0 then 2 else 1 end,
              case when task = 'general' then 'sharegpt_' || i else task || '_' || i end,
              task,
              case when i % 3 = 0 then 'gpt-4' else 'gpt-3.5-turbo' end,
              case when i % 5 <> 0 then null when i % 7 = 0 then 0 else 1 end,
              'pending', 'Task ' || md5(i::text), turns, 3, 300,
              (select sum(octet_length(bench_turn_text(i, task, k))) from generate_series(0, turns - 1) as k), md5('c' || i) || md5('d' || i)
         from generate_series($1::bigint, $2::bigint) as i,
              lateral (select case when i % 5 <> 0 then 4 else 8 end as turns, case when i % 5 <> 0 then 'general' else ($3::text[])[1 + i % 6] end as task) as kind`,
      [from, to, AGENT_TASKS],
    );
    await db.query(
      `insert into turns (trajectory_id, index, role, raw_text, thought, loss, is_prefix, is_task_turn)
       select t.id, k,
              (case when t.task = 'general' then (array['user','assistant','user','assistant'])[k + 1]
                    else (array['user','assistant','user','assistant','observation','assistant','observation','assistant'])[k + 1] end)::"TurnRole",
              bench_turn_text(t.id, t.task, k),
              case when t.task <> 'general' and k % 2 = 1 and k > 1 then 'I should look at ' || md5(t.id || ':' || k) || ' before I act.' end,
              case when t.task = 'general' then null when k % 2 = 1 and k > 1 then true else false end,
              t.task <> 'general' and k < 2,
              t.task <> 'general' and k = 2
         from trajectories t cross join lateral generate_series(0, t.turn_count - 1) as k
        where t.id between $1 and $2`,
      [from, to],
    );
    log(`  ${to.toLocaleString("en-US")} / ${count.toLocaleString("en-US")}`);
  }
  await db.query(`select setval(pg_get_serial_sequence('trajectories', 'id'), $1)`, [count]);
  await db.query("analyze trajectories; analyze turns");
  log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
