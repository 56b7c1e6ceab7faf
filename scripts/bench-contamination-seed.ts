/**
 * Seeding for bench-contamination: a test set of `items` benchmark-style
 * questions, and agent trajectories until `mb` MB of compared training text
 * (task turns and trained turns) is in the turns table, written with COPY.
 * Each trajectory also has a fixed prefix (the same prompt in every row) and
 * observations, which the check must skip; some task turns and trained turns
 * carry a test item verbatim or in part, as do some observations (not
 * compared, so never a match). Turns stay under PostgreSQL's ~2 KB TOAST
 * threshold, like real agent steps. Deterministic: the same flags give the same data.
 *
 * The first ~10 % of the text goes to dataset "bench-a", the rest to "bench-b",
 * so a reference run can be limited to bench-a.
 */
import { Rng } from "../demo/random";
import { pool } from "../lib/db/client";
import { copyRows, type TCopyValue } from "../lib/db/copy";

export const TEST_SET = "bench-contamination";
export const SUBSET_DATASET = "bench-a";
const MARKER_VERSION = "v3";

export type TSeedShape = { mb: number; items: number };

const marker = (shape: TSeedShape) => `bench-contamination ${MARKER_VERSION} mb=${shape.mb} items=${shape.items}`;

/** True when the database already holds a finished seeding of this shape. */
export async function isSeeded(shape: TSeedShape): Promise<boolean> {
  const r = await pool().query<{ format: string }>(`select format from datasets where name = $1`, [SUBSET_DATASET]);
  return r.rows[0]?.format === marker(shape);
}

const TEMPLATE = "read the following carefully and answer it in one short sentence.";
const PREFIX = `You are a careful assistant. For every task you will be shown a question; ${TEMPLATE} Think step by step, use the tools when you need them, and finish with the answer. `.repeat(4);

/** A long stream of words (skewed frequencies); turns are slices of it at random offsets, so generating 1 GB is cheap. */
function wordStream(rng: Rng, words: number): string {
  const vocab = Array.from({ length: 20000 }, (_, i) => `w${i.toString(36)}${"aeiou"[i % 5]}`);
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(vocab[Math.floor(rng.next() ** 2 * vocab.length)]!);
  return parts.join(" ");
}

export async function seed(shape: TSeedShape, log: (line: string) => void): Promise<{ seconds: number; comparedBytes: number; trajectories: number; turns: number }> {
  const started = performance.now();
  const db = pool();
  await db.query(
    `truncate datasets, test_sets, contamination_item_results, contamination_trajectory_results restart identity cascade`,
  );
  const rng = new Rng(42);
  const sliceOf = (stream: string) => (bytes: number) => {
    const at = stream.indexOf(" ", rng.int(0, stream.length - bytes - 16)) + 1;
    const end = stream.lastIndexOf(" ", at + bytes);
    return stream.slice(at, end > at ? end : at + bytes);
  };
  // Test items and training text come from independent streams: they share n-grams only where a leak is planted.
  const itemSlice = sliceOf(wordStream(rng, 1_000_000));
  const slice = sliceOf(wordStream(rng, 3_000_000));

  // The test set: every item shares the template sentence (discounted), then its own words.
  const items = Array.from({ length: shape.items }, (_, i) => `Task ${i % 6} question: ${TEMPLATE} ${itemSlice(rng.int(120, 500))}`);
  const set = await db.query<{ id: number }>(
    `insert into test_sets (name, task, sha256, file_name, fields, item_count) values ($1, 'mixed', md5($1), 'generated', '["question"]', $2) returning id`,
    [TEST_SET, shape.items],
  );
  const client = await db.connect();
  try {
    await copyRows(client, "test_set_items", ["test_set_id", "position", "external_id", "task", "text"],
      items.map((text, i) => [set.rows[0]!.id, i, `q${i}`, `task${i % 6}`, text]));

    const datasets: number[] = [];
    for (const name of [SUBSET_DATASET, "bench-b"]) {
      const r = await db.query<{ id: number }>(
        `insert into datasets (name, kind, source_file, format, sha256, size_bytes, imported_by) values ($1, 'agent', $1 || '.jsonl', 'seeding', md5($1), 0, 'bench') returning id`,
        [name],
      );
      datasets.push(r.rows[0]!.id);
    }

    const target = shape.mb * 1024 * 1024;
    const subsetBytes = target / 10;
    let compared = 0;
    let trajectories = 0;
    let turnCount = 0;
    let nextLog = 64 * 1024 * 1024;
    let trajRows: TCopyValue[][] = [];
    let turnRows: TCopyValue[][] = [];
    const flush = async () => {
      await copyRows(client, "trajectories", ["id", "dataset_id", "external_id", "task", "turn_count", "step_count", "token_count", "content_hash"], trajRows);
      await copyRows(client, "turns", ["trajectory_id", "index", "role", "raw_text", "loss", "is_prefix", "is_task_turn"], turnRows);
      trajRows = [];
      turnRows = [];
    };
    const leak = () => items[rng.int(0, items.length - 1)]!;

    while (compared < target) {
      const id = ++trajectories;
      const dataset = compared < subsetBytes ? datasets[0]! : datasets[1]!;
      let task = `Task ${id % 6} question: ${TEMPLATE} ${slice(rng.int(100, 400))}`;
      // Per GB (~200,000 trajectories): ~400 verbatim task turns, ~500 partial ones, ~600 trained steps with a leak.
      if (id % 500 === 0) task = leak(); // verbatim
      else if (id % 370 === 0) task += ` ${leak().split(" ").slice(0, 15).join(" ")}`; // partial
      const turns: [string, string, boolean | null, boolean, boolean][] = [
        ["user", PREFIX, null, true, false],
        ["assistant", "Ok.", false, true, false],
        ["user", task, null, false, true],
      ];
      compared += task.length; // ASCII: characters are bytes
      const steps = rng.int(4, 8);
      for (let s = 0; s < steps; s++) {
        let step = `Think: ${slice(rng.int(150, 1500))}`;
        if ((id * 8 + s) % 2003 === 0) step += ` ${leak()}`;
        let observation = `Observation: ${slice(rng.int(80, 500))}`;
        if ((id * 8 + s) % 401 === 0) observation += ` ${leak()}`; // never compared
        turns.push(["assistant", step, true, false, false], ["observation", observation, null, false, false]);
        compared += step.length;
      }
      trajRows.push([id, dataset, `bench_${id}`, `task${id % 6}`, turns.length, steps, 0, `bench-${id}`]);
      turns.forEach(([role, text, loss, isPrefix, isTask], index) => turnRows.push([id, index, role, text, loss, isPrefix, isTask]));
      turnCount += turns.length;
      if (trajRows.length >= 2000) await flush();
      if (compared >= nextLog) {
        log(`  ${(compared / 1024 / 1024).toFixed(0)} / ${shape.mb} MB of compared text, ${trajectories.toLocaleString("en-US")} trajectories`);
        nextLog += 64 * 1024 * 1024;
      }
    }
    await flush();
    await db.query(`select setval(pg_get_serial_sequence('trajectories', 'id'), $1)`, [trajectories]);
    await db.query(
      `update datasets d set trajectory_count = s.n, turn_count = s.turns
         from (select dataset_id, count(*)::int n, sum(turn_count)::int turns from trajectories group by 1) s where s.dataset_id = d.id`,
    );
    await db.query(`vacuum (analyze) trajectories`);
    await db.query(`vacuum (analyze) turns`);
    // Written last: a seeding cut short is never reused.
    await db.query(`update datasets set format = $1`, [marker(shape)]);
    return { seconds: (performance.now() - started) / 1000, comparedBytes: compared, trajectories, turns: turnCount };
  } finally {
    client.release();
  }
}
