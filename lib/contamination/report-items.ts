import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";

export const ITEM_LABELS = ["dirty", "neither", "clean"] as const;
export type TItemLabel = (typeof ITEM_LABELS)[number];
export type TLabelCounts = Record<TItemLabel, number>;

/** How long an item's text is on the report (the whole item is in the test set). */
const ITEM_TEXT_CHARS = 300;

/** The tab a report opens on: the label with the most items (dirty first on a tie, as it matters most). */
export function mostPopulatedLabel(counts: TLabelCounts): TItemLabel {
  return ITEM_LABELS.reduce((best, label) => (counts[label] > counts[best] ? label : best), ITEM_LABELS[0]);
}

export async function labelCounts(actor: TActor, runId: number): Promise<TLabelCounts> {
  assertCan(actor, "trajectories:read");
  const result = await pool().query<{ label: string; n: number }>(
    "select label, count(*)::int as n from contamination_item_results where run_id = $1 group by label",
    [runId],
  );
  const counts: TLabelCounts = { dirty: 0, neither: 0, clean: 0 };
  for (const row of result.rows) if ((ITEM_LABELS as readonly string[]).includes(row.label)) counts[row.label as TItemLabel] = row.n;
  return counts;
}

export type TReportTrajectory = { id: string; externalId: string; dataset: string };
export type TReportItem = {
  position: number;
  externalId: string;
  task: string;
  /** The item's question, clipped; rendered as text. */
  text: string;
  rate: number;
  label: string;
  contaminated: number;
  tokens: number;
  trajectories: TReportTrajectory[];
};

/**
 * A run's test items with their text and the training trajectories that share
 * their n-grams, named as a reviewer knows them (external id and dataset) rather
 * than by internal id. A deleted trajectory drops out of the list.
 */
export async function reportItems(actor: TActor, runId: number, label: TItemLabel | null, limit = 1000): Promise<TReportItem[]> {
  assertCan(actor, "trajectories:read");
  const result = await pool().query<Omit<TReportItem, "trajectories"> & { trajectories: TReportTrajectory[] | null }>(
    `select r.position, r.external_id as "externalId", r.task, left(i.text, ${ITEM_TEXT_CHARS}) as text, r.rate, r.label,
            r.contaminated, r.tokens,
            (select json_agg(json_build_object('id', t.id::text, 'externalId', t.external_id, 'dataset', d.name) order by m.ord)
               from unnest(r.trajectory_ids) with ordinality m(id, ord)
               join trajectories t on t.id = m.id join datasets d on d.id = t.dataset_id) as trajectories
       from contamination_item_results r
       join contamination_runs run on run.id = r.run_id
       left join test_set_items i on i.test_set_id = run.test_set_id and i.position = r.position
      where r.run_id = $1 and ($2::text is null or r.label = $2)
      order by r.rate desc, r.position
      limit $3`,
    [runId, label, limit],
  );
  return result.rows.map((row) => ({ ...row, text: row.text ?? "", trajectories: row.trajectories ?? [] }));
}
