import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { labelOf } from "./contamination-label";
import { filterConditions, type TFilterKey } from "./filters";
import { NO_MODEL, type TTrajectoryFilter } from "./query";

/** `estimated`: counted on a sample of the table and scaled up (the sidebar shows "≈"). */
export type TFacetValue = { value: string; label: string; count: number; estimated: boolean };
export type TFacetName = "task" | "status" | "model" | "dataset" | "contamination";
export type TFacets = Record<TFacetName, TFacetValue[]>;

/** What each facet groups by: a fixed whitelist, like the filters; values as the summary table stores them. */
const FACETS: Record<TFacetName, { key: TFilterKey; column: string }> = {
  task: { key: "task", column: "t.task" },
  status: { key: "status", column: "t.status::text" },
  model: { key: "model", column: "t.source_model" },
  dataset: { key: "dataset", column: "t.dataset_id::text" },
  contamination: { key: "contamination", column: labelOf("t") },
};
const NAMES = Object.keys(FACETS) as TFacetName[];

/** Up to this many matching rows the counts are exact (the table's total uses the same bound). */
const EXACT_LIMIT = 10_000;
/** Above this planner estimate the exact attempt is skipped: it could not end under the limit. */
const ESTIMATE_TRUSTED_ABOVE = 2 * EXACT_LIMIT;
/** About how many rows the sample reads: a few tens of milliseconds, a few per cent error on the larger values. */
const SAMPLE_ROWS = 10_000;
/** The summary is folded up once it holds this many delta rows. */
const COMPACT_ABOVE = 2_000;

type TCounted = { facet: TFacetName; value: string | null; n: number };

/**
 * Counts beside each filter value. Each facet applies every other filter but
 * its own, so a user sees what choosing another value would give. A facet no
 * other filter narrows reads the summary table (exact, kept current by
 * triggers); the others share one pass per distinct filter: exact up to
 * EXACT_LIMIT matching rows, else over a fixed sample of the table, scaled up
 * and marked estimated. No path reads the whole table.
 */
export async function facetCounts(actor: TActor, filter: TTrajectoryFilter): Promise<TFacets> {
  assertCan(actor, "trajectories:read");
  const groups = new Map<string, { conditions: string[]; params: SqlParams; facets: TFacetName[] }>();
  for (const name of NAMES) {
    const params = new SqlParams();
    const conditions = filterConditions(filter, params, FACETS[name].key);
    const key = JSON.stringify([conditions, params.values]);
    const group = groups.get(key) ?? { conditions, params, facets: [] };
    group.facets.push(name);
    groups.set(key, group);
  }
  const parts = await Promise.all(
    [...groups.values()].map((group) =>
      group.conditions.length ? countFiltered(group.facets, group.conditions, group.params) : countUnfiltered(group.facets),
    ),
  );
  const labels = await datasetNames(parts.flatMap((part) => part.rows.filter((row) => row.facet === "dataset").map((row) => row.value)));
  const facets = Object.fromEntries(NAMES.map((name) => [name, [] as TFacetValue[]])) as TFacets;
  for (const part of parts) {
    for (const row of part.rows) {
      if (row.n <= 0) continue;
      const value = displayValue(row.facet, row.value);
      const label = row.facet === "dataset" ? labels.get(value) : value;
      if (label !== undefined) facets[row.facet].push({ value, label, count: row.n, estimated: part.estimated });
    }
  }
  for (const name of NAMES) {
    facets[name] = facets[name].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)).slice(0, 100);
  }
  return facets;
}

function displayValue(facet: TFacetName, value: string | null): string {
  if (facet === "model") return value ?? NO_MODEL;
  if (facet === "contamination") return value ?? "unchecked";
  return value ?? "";
}

async function datasetNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await pool().query<{ id: string; name: string }>("select id::text, name from datasets where id = any($1::int[])", [wanted]);
  return new Map(rows.rows.map((row) => [row.id, row.name]));
}

/** The summary: deltas summed per value (a few hundred rows at most once compacted). */
async function countUnfiltered(facets: TFacetName[]): Promise<{ rows: TCounted[]; estimated: boolean }> {
  const result = await pool().query<TCounted & { rows: number }>(
    `select facet, value, sum(n)::float8 as n, sum(count(*)) over ()::int as rows
       from trajectory_facet_deltas where facet = any($1::text[]) group by facet, value`,
    [facets],
  );
  if ((result.rows[0]?.rows ?? 0) > COMPACT_ABOVE) await compactFacetSummary();
  return { rows: result.rows.map((row) => ({ ...row, n: Number(row.n) })), estimated: false };
}

/**
 * Folds the summary's deltas into one row per value. One folder at a time (an
 * advisory lock); writers keep inserting meanwhile: their rows are either
 * folded in or left for the next fold, never both.
 */
export async function compactFacetSummary(): Promise<void> {
  const client = await pool().connect();
  try {
    await client.query("begin");
    const locked = await client.query<{ ok: boolean }>("select pg_try_advisory_xact_lock(hashtext('trajectory_facet_deltas')) as ok");
    if (locked.rows[0]?.ok) {
      await client.query(
        `with folded as (delete from trajectory_facet_deltas returning facet, value, n)
         insert into trajectory_facet_deltas (facet, value, n)
         select facet, value, sum(n) from folded group by facet, value having sum(n) <> 0`,
      );
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** One pass for every facet that applies the same filter: GROUPING SETS over the matching rows or a sample. */
async function countFiltered(facets: TFacetName[], conditions: string[], params: SqlParams): Promise<{ rows: TCounted[]; estimated: boolean }> {
  const where = conditions.join(" and ");
  const plan = await pool().query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    `explain (format json) select 1 from trajectories t where ${where}`,
    params.values,
  );
  if ((plan.rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0) <= ESTIMATE_TRUSTED_ABOVE) {
    const exact = await groupCounts(facets, `select * from trajectories t where ${where} limit ${EXACT_LIMIT + 1}`, "true", params.values);
    if (exact.total <= EXACT_LIMIT) return { rows: exact.rows, estimated: false };
  }
  const size = await pool().query<{ n: number }>("select greatest(reltuples, 1)::float8 as n from pg_class where oid = 'trajectories'::regclass");
  const percent = Math.min(100, (100 * SAMPLE_ROWS) / (size.rows[0]?.n ?? 1));
  // REPEATABLE: the same sample on every load, so estimates do not jitter between page views.
  const sampled = await groupCounts(facets, `select * from trajectories tablesample system (${percent}) repeatable (17)`, where, params.values);
  const scale = sampled.total > 0 ? (size.rows[0]?.n ?? 0) / sampled.total : 0;
  return { rows: sampled.rows.map((row) => ({ ...row, n: Math.round(row.n * scale) })), estimated: percent < 100 };
}

/**
 * Counts per facet value over `source`, of the rows where `where` holds, plus
 * how many rows the source had: one pass with GROUPING SETS, a set per facet
 * and the empty set for the total. grouping() tells a facet's own null value
 * from the null the other sets leave in its column.
 */
async function groupCounts(facets: TFacetName[], source: string, where: string, values: unknown[]) {
  const columns = facets.map((facet) => `${FACETS[facet].column} as ${facet}`).join(", ");
  const facetOf = facets.map((facet) => `when grouping(${facet}) = 0 then '${facet}'`).join(" ");
  const valueOf = facets.map((facet) => `when grouping(${facet}) = 0 then ${facet}`).join(" ");
  const sets = facets.map((facet) => `(${facet})`).join(", ");
  const result = await pool().query<{ facet: TFacetName | "*"; value: string | null; n: number; rows: number }>(
    `select case ${facetOf} else '*' end as facet, case ${valueOf} end as value,
            count(*) filter (where hit)::float8 as n, count(*)::float8 as rows
       from (select ${columns}, (${where}) as hit from (${source}) t) s
      group by grouping sets (${sets}, ())`,
    values,
  );
  const rows: TCounted[] = [];
  let total = 0;
  for (const row of result.rows) {
    if (row.facet === "*") total = Number(row.rows);
    else rows.push({ facet: row.facet, value: row.value, n: Number(row.n) });
  }
  return { rows, total };
}
