/**
 * A trajectory's contamination label in SQL, on a trajectories alias. Labels
 * live in trajectory_contamination (lib/contamination/finish.ts writes them); no
 * row there means unchecked. The table, its filters and facets, and the
 * export's pools read them through these.
 */

/** The label, or null when unchecked: a scalar subquery on the label's primary key. */
export function labelOf(alias: string): string {
  return `(select c.label from trajectory_contamination c where c.trajectory_id = ${alias}.id)`;
}

/** True when the trajectory has a label for which `condition` (on alias c) holds. */
export function hasLabel(alias: string, condition: string): string {
  return `exists (select 1 from trajectory_contamination c where c.trajectory_id = ${alias}.id and ${condition})`;
}

/** True when no check has labelled the trajectory yet. */
export function unchecked(alias: string): string {
  return `not exists (select 1 from trajectory_contamination c where c.trajectory_id = ${alias}.id)`;
}
