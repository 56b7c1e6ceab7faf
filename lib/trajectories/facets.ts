import { assertCan, type TActor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/client";
import { SqlParams } from "@/lib/db/params";
import { filterConditions, type TFilterKey, whereSql } from "./filters";
import { NO_MODEL, type TTrajectoryFilter } from "./query";

export type TFacetValue = { value: string; label: string; count: number };
export type TFacets = Record<"task" | "status" | "model" | "dataset" | "contamination", TFacetValue[]>;

/** What each facet groups by; like filters, a fixed whitelist. */
const FACETS: Record<keyof TFacets, { key: TFilterKey; value: string; label: string; join?: string }> = {
  task: { key: "task", value: "t.task", label: "t.task" },
  status: { key: "status", value: "t.status::text", label: "t.status::text" },
  model: { key: "model", value: `coalesce(t.source_model, '${NO_MODEL}')`, label: `coalesce(t.source_model, '${NO_MODEL}')` },
  dataset: { key: "dataset", value: "t.dataset_id::text", label: "d.name", join: "join datasets d on d.id = t.dataset_id" },
  contamination: {
    key: "contamination",
    value: "coalesce(t.contamination_label, 'unchecked')",
    label: "coalesce(t.contamination_label, 'unchecked')",
  },
};

/**
 * Counts beside each filter value. Each facet applies every other filter but
 * its own, so a user sees what choosing another value would give.
 */
export async function facetCounts(actor: TActor, filter: TTrajectoryFilter): Promise<TFacets> {
  assertCan(actor, "trajectories:read");
  const entries = await Promise.all(
    (Object.keys(FACETS) as (keyof TFacets)[]).map(async (name) => {
      const facet = FACETS[name];
      const params = new SqlParams();
      const where = whereSql(filterConditions(filter, params, facet.key));
      const result = await pool().query<TFacetValue>(
        `select ${facet.value} as value, ${facet.label} as label, count(*)::int as count
           from trajectories t ${facet.join ?? ""} ${where}
          group by 1, 2 order by count desc, label limit 100`,
        params.values,
      );
      return [name, result.rows] as const;
    }),
  );
  return Object.fromEntries(entries) as TFacets;
}
