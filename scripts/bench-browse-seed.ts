/**
 * Seeding for bench-browse: many trajectories straight in SQL (generate_series,
 * no turns), plus one long trajectory of 300 turns, some observations of
 * hundreds of KB, imported through the real importer.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { systemActor } from "../lib/access/actor";
import { pool } from "../lib/db/client";
import { importFile } from "../lib/import/import-file";

export const LONG_EXTERNAL_ID = "os_bench_long";

/** The instruction vocabulary: a row's words are picked by bytes of md5(id), so every word has a known frequency. */
export const VOCAB = {
  verbs: [
    "find", "count", "list", "remove", "compare", "sort", "buy", "select", "locate", "check", "rename", "move",
    "copy", "update", "return", "pick", "search", "open", "clean", "heat", "cool", "place", "filter", "report",
  ],
  adjectives: [
    "blue", "red", "green", "black", "white", "large", "small", "hidden", "empty", "recent", "old", "cheap",
    "wooden", "metal", "cotton", "leather", "organic", "waterproof", "wireless", "portable", "vintage", "modern", "heavy", "light",
    "quiet", "fast", "slow", "bright", "dark", "soft", "hard", "warm", "cold", "clean", "dirty", "long",
    "short", "round", "square", "thin", "thick", "sharp", "plain", "striped", "shiny", "compressed", "unique", "duplicate",
  ],
  nouns: [
    "shirt", "shoe", "lamp", "chair", "table", "mug", "knife", "apple", "bowl", "towel", "pillow", "book",
    "laptop", "phone", "charger", "cable", "speaker", "headphone", "camera", "watch", "bottle", "pan", "plate", "spoon",
    "fork", "cup", "vase", "candle", "mirror", "blanket", "jacket", "dress", "sock", "hat", "scarf", "glove",
    "bag", "wallet", "belt", "ring", "necklace", "file", "directory", "process", "user", "group", "socket", "port",
    "log", "archive", "script", "package", "service", "record", "column", "row", "index", "query", "student", "teacher",
    "employee", "customer", "order", "invoice", "product", "price", "city", "country", "river", "mountain", "movie", "actor",
    "album", "song", "team", "player", "game", "author", "museum", "company", "airline", "flight", "hotel", "restaurant",
    "ticket", "event", "recipe", "ingredient", "sofa", "desk", "shelf", "drawer", "cabinet", "fridge", "microwave", "sink",
    "toaster", "kettle", "tomato", "potato", "egg", "bread", "lettuce", "pencil", "keychain", "statue", "painting", "plant",
    "newspaper", "box", "cloth", "soap", "sponge", "toilet", "bathtub", "television", "remote", "pot", "bed", "dresser",
    "garbage", "window", "door", "curtain", "carpet", "stove", "oven", "sandal", "boot", "sneaker", "backpack", "tent",
    "bicycle", "helmet", "umbrella", "guitar", "piano", "drum", "toy", "puzzle", "card", "coin", "stamp", "map",
    "globe", "clock", "fan", "heater", "filter", "battery",
  ],
  places: [
    "kitchen", "bedroom", "bathroom", "garage", "garden", "office", "basement", "attic", "hallway", "closet", "drawer", "cabinet",
    "countertop", "shelf", "desk", "table", "home", "tmp", "var", "etc", "usr", "opt", "srv", "root",
    "database", "schema", "store", "catalog", "cart", "inventory", "warehouse", "library", "school", "hospital", "airport", "station",
    "market", "mall", "website", "forum", "profile", "account", "settings", "dashboard", "archive", "folder", "server", "cluster",
    "region", "park", "beach", "lake", "island", "village", "street", "avenue", "bridge", "tower", "castle", "stadium",
  ],
  prefixes: {
    os: "In the linux shell,",
    db: "Using the given MySQL table,",
    alfworld: "Your task is to:",
    webshop: "i need a product:",
    kg: "Based on the knowledge base,",
    mind2web: "On the website,",
    general: "Write a short note:",
  } as Record<string, string>,
};

export type TSeedReport = { trajectoriesMs: number; indexesMs: number; vacuumMs: number; longImportMs: number; longTurns: number };

const DATASETS = [
  ["agentinstruct-os-db", "agentinstruct"],
  ["agentinstruct-alfworld-webshop", "agentinstruct"],
  ["agentbench-runs", "agentbench"],
  ["eto-trajectories", "openai"],
  ["fireact-kg", "fireact"],
] as const;

/** Inserts `count` trajectories in batches of `batch` rows; secondary indexes are dropped first and rebuilt after. */
export async function seed(count: number, batch: number, log: (line: string) => void): Promise<TSeedReport> {
  const db = pool();
  for (const [name, format] of DATASETS) {
    await db.query(
      `insert into datasets (name, kind, source_file, format, sha256, size_bytes, imported_by)
       values ($1, 'agent', $1 || '.jsonl', $2, md5($1), 0, 'bench')`,
      [name, format],
    );
  }
  await db.query(
    `insert into datasets (name, kind, source_file, format, sha256, size_bytes, imported_by)
     values ('sharegpt-general', 'general', 'sharegpt-general.json', 'sharegpt', md5('sharegpt-general'), 0, 'bench')`,
  );
  const ids = await db.query<{ id: number }>("select id from datasets order by id");
  const agentIds = ids.rows.slice(0, DATASETS.length).map((row) => row.id);
  const generalId = ids.rows[DATASETS.length]!.id;

  // Bulk load without the secondary indexes, then build them once (as pg_dump does).
  const indexes = await db.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes
      where schemaname = 'public' and tablename = 'trajectories' and indexname <> 'trajectories_pkey'`,
  );
  for (const index of indexes.rows) await db.query(`drop index "${index.indexname}"`);

  let started = performance.now();
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await db.query(INSERT_SQL, [
      from, to, count, agentIds, generalId,
      VOCAB.verbs, VOCAB.adjectives, VOCAB.nouns, VOCAB.places,
      Object.keys(VOCAB.prefixes), Object.values(VOCAB.prefixes),
    ]);
    log(`  inserted ${to.toLocaleString("en-US")} / ${count.toLocaleString("en-US")} trajectories`);
  }
  const trajectoriesMs = performance.now() - started;

  started = performance.now();
  // Two at a time: one per core of a small machine; each may also use parallel workers.
  const queue = [...indexes.rows];
  await Promise.all(
    [0, 1].map(async () => {
      const client = await db.connect();
      try {
        await client.query("set maintenance_work_mem = '512MB'");
        for (let index = queue.shift(); index; index = queue.shift()) await client.query(index.indexdef);
      } finally {
        client.release();
      }
    }),
  );
  const indexesMs = performance.now() - started;
  log(`  rebuilt ${indexes.rows.length} indexes`);

  await db.query(
    `update datasets d set trajectory_count = s.n, turn_count = s.turns
       from (select dataset_id, count(*)::int n, sum(turn_count)::int turns from trajectories group by 1) s
      where s.dataset_id = d.id`,
  );
  started = performance.now();
  await db.query("vacuum (analyze) trajectories");
  await db.query("analyze datasets");
  const vacuumMs = performance.now() - started;

  started = performance.now();
  const longTurns = await importLong(log);
  await db.query("analyze turns");
  const longImportMs = performance.now() - started;
  return { trajectoriesMs, indexesMs, vacuumMs, longImportMs, longTurns };
}

/*
 * $1..$2: id range, $3: total count, $4: agent dataset ids, $5: general dataset id,
 * $6..$9: vocabulary, $10/$11: task → instruction prefix.
 * h and w are 16 pseudo-random bytes each (md5); get_byte picks independent values.
 */
const INSERT_SQL = `
with src as (
  select i, decode(md5(i::text), 'hex') as h, decode(md5('w' || i::text), 'hex') as w
    from generate_series($1::bigint, $2::bigint) as i
), typed as (
  select i, h, w,
         case
           when p < 18 then 'os' when p < 38 then 'db' when p < 53 then 'alfworld' when p < 70 then 'webshop'
           when p < 82 then 'kg' when p < 92 then 'mind2web' else 'general'
         end as task,
         8 + 2 * (get_byte(h, 9) % 15) as turns
    from (select *, (get_byte(h, 0) * 256 + get_byte(h, 1)) % 100 as p from src) s
), rewarded as (
  select *,
         case
           when task = 'general' or get_byte(h, 3) < 38 then null
           when task in ('os', 'db', 'alfworld') then (get_byte(h, 4) < 110)::int::float8
           when get_byte(h, 12) < 64 then 0::float8
           when get_byte(h, 12) < 115 then 1::float8
           else round((get_byte(h, 4) * 256 + get_byte(h, 5)) / 65535.0, 3)::float8
         end as reward
    from typed
), inserted as (
insert into trajectories (
  dataset_id, external_id, task, source_model, origin, reward, success, status, instruction,
  turn_count, step_count, token_count, format_error_count, loop_start_turn, content_hash,
  review_count, last_reviewer, created_at, updated_at
)
select
  case when task = 'general' then $5::int else ($4::int[])[1 + get_byte(h, 11) % cardinality($4::int[])] end,
  task || '_' || i,
  task,
  case when get_byte(h, 2) < 115 then 'gpt-4' when get_byte(h, 2) < 205 then 'gpt-3.5-turbo' else null end,
  case when task = 'general' then 'unknown' else 'task-derivation' end,
  reward,
  case when reward is null then null else reward >= 1 end,
  (case when get_byte(h, 6) < 230 then 'pending' when get_byte(h, 6) < 245 then 'accepted' else 'rejected' end)::"TrajectoryStatus",
  ($11::text[])[array_position($10::text[], task)] || ' '
    || ($6::text[])[1 + get_byte(w, 0) % 24] || ' the '
    || ($7::text[])[1 + get_byte(w, 1) % 48] || ' ' || ($8::text[])[1 + (get_byte(w, 2) * 256 + get_byte(w, 3)) % 150]
    || ' in the ' || ($9::text[])[1 + get_byte(w, 4) % 60]
    || ' and ' || ($6::text[])[1 + get_byte(w, 5) % 24] || ' a '
    || ($7::text[])[1 + get_byte(w, 6) % 48] || ' ' || ($8::text[])[1 + (get_byte(w, 7) * 256 + get_byte(w, 8)) % 150]
    || case when get_byte(w, 9) < 128
         then ' next to the ' || ($8::text[])[1 + (get_byte(w, 10) * 256 + get_byte(w, 11)) % 150]
              || ' from the ' || ($9::text[])[1 + get_byte(w, 12) % 60]
         else '' end
    || ', then ' || ($6::text[])[1 + get_byte(w, 13) % 24] || ' it.',
  turns,
  (turns - 6) / 2,
  turns * 160 + get_byte(h, 10) * 4,
  case when get_byte(h, 7) < 225 then 0 else 1 + get_byte(h, 7) % 4 end,
  case when get_byte(h, 8) < 15 then 6 + 2 * (get_byte(h, 8) % 4) else null end,
  md5(i::text),
  case when get_byte(h, 6) < 230 then 0 else 1 end,
  case when get_byte(h, 6) < 230 then null when get_byte(h, 13) < 128 then 'alice' else 'bob' end,
  now() - make_interval(secs => ($3::bigint - i)::float8),
  now() - make_interval(secs => ($3::bigint - i)::float8) + case when get_byte(h, 6) < 230 then interval '0' else interval '1 day' end
from rewarded
returning id, decode(content_hash, 'hex') as h
)
-- About a fifth checked: labels live in their own table (lib/trajectories/contamination-label.ts); h is the row's md5 again.
insert into trajectory_contamination (trajectory_id, rate, label)
select id, round(get_byte(h, 15) / 255.0, 3)::float8,
       case when get_byte(h, 14) < 240 then 'clean' when get_byte(h, 14) < 250 then 'neither' else 'dirty' end
  from inserted
 where get_byte(h, 14) >= 200
`;

/** One AgentInstruct os record of 300 turns; ~1 observation in 15 is 200-500 KB of terminal output. */
async function importLong(log: (line: string) => void): Promise<number> {
  let state = 12345;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const word = () => VOCAB.nouns[Math.floor(random() * VOCAB.nouns.length)]!;
  const lsLine = () =>
    `-rw-r--r-- 1 root root ${Math.floor(random() * 1e6)} Nov ${1 + Math.floor(random() * 28)} 12:${String(Math.floor(random() * 60)).padStart(2, "0")} ` +
    `${word()}_${Math.floor(random() * 1e5).toString(36)}.${["log", "txt", "conf", "json"][Math.floor(random() * 4)]}\r\n`;
  const terminal = (bytes: number) => {
    let text = "The output of the OS:\n\u001b]0;root@host: /\u0007root@host:/# ls -la /var/log/app\r\n";
    while (text.length < bytes) text += lsLine();
    return `${text}\u001b[K\u001b]0;root@host: /\u0007root@host:/# `;
  };

  const conversations: { from: string; value: string; loss: boolean | null }[] = [
    { from: "human", value: "You are an assistant that will act like a person, I'will play the role of linux(ubuntu) operating system.", loss: null },
    { from: "gpt", value: "Ok.", loss: false },
    { from: "human", value: "Now, I will start a new problem in a new OS. My problem is:\n\nHow many log files under /var/log/app mention a failed backup?", loss: null },
  ];
  for (let step = 0; step < 148; step += 1) {
    conversations.push({
      from: "gpt",
      value: `Think: I need to look at batch ${step} of the logs.\n\nAct: bash\n\n\`\`\`bash\nls -la /var/log/app | sed -n '${step * 100},${step * 100 + 99}p'\n\`\`\``,
      loss: true,
    });
    const big = step % 15 === 7;
    conversations.push({ from: "human", value: terminal(big ? 200_000 + Math.floor(random() * 300_000) : 200 + Math.floor(random() * 1800)), loss: null });
  }
  conversations.push({ from: "gpt", value: "Think: I have counted them.\n\nAct: answer(42)", loss: true });

  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-browse-"));
  try {
    const file = path.join(dir, `${LONG_EXTERNAL_ID}.jsonl`);
    writeFileSync(file, `${JSON.stringify({ id: LONG_EXTERNAL_ID, conversations })}\n`);
    const report = await importFile(systemActor("bench"), { filePath: file, task: "os", sourceModel: "gpt-4" });
    if (report.imported !== 1) throw new Error(`the long trajectory was not imported: ${report.message}`);
    log(`  imported ${LONG_EXTERNAL_ID}: ${report.turns} turns`);
    return report.turns;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
