/**
 * bench:import's second baseline: what PostgreSQL alone spends storing the
 * rows an import wrote. The stored turns and trajectories are read out as COPY
 * text into files, then COPYed back, timed, into empty tables shaped like
 * theirs (same columns, defaults and indexes: LIKE ... INCLUDING ALL, with
 * the search vectors as ready text, as the import supplies them; no foreign
 * keys, as the import's turns COPY skips that check). No parsing, staging or
 * duplicate check: no importer could store the same rows in less on the same
 * server, so the plain COPY's time over this one bounds the import's ratio.
 */
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

/** Written in this order, as the import does per batch. */
const TABLES = ["trajectories", "turns"] as const;

export type TStoreOnly = { seconds: number; byTable: Record<(typeof TABLES)[number], number> };

export async function storeOnlySeconds(url: string, scratchDir: string): Promise<TStoreOnly> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const byTable = { trajectories: 0, turns: 0 };
  try {
    for (const table of TABLES) {
      const file = path.join(scratchDir, `store-only-${table}.copy`);
      const copy = `store_only_${table}`;
      try {
        // Every stored column but the id (its default numbers the rows, as in the import) and any generated one.
        const columns = await client.query<{ list: string }>(
          `select string_agg(quote_ident(attname), ', ' order by attnum) as list from pg_attribute
            where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' and attname <> 'id'`,
          [table],
        );
        const list = columns.rows[0]!.list;
        await pipeline(client.query(copyTo(`copy (select ${list} from ${table} order by id) to stdout`)), createWriteStream(file));
        await client.query(`drop table if exists ${copy}`);
        await client.query(`create table ${copy} (like ${table} including all)`);
        await client.query("checkpoint"); // the writes before are not this COPY's to pay for
        const started = performance.now();
        await pipeline(createReadStream(file), client.query(copyFrom(`copy ${copy} (${list}) from stdin`)));
        byTable[table] = (performance.now() - started) / 1000;
      } finally {
        await client.query(`drop table if exists ${copy}`).catch(() => {});
        rmSync(file, { force: true });
      }
    }
    return { seconds: byTable.trajectories + byTable.turns, byTable };
  } finally {
    await client.end();
  }
}
