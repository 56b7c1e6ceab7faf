/**
 * Which training datasets a run compares. By default every agent dataset;
 * general (ShareGPT chat) datasets are added with `includeGeneral` or by
 * naming them. The choice is resolved once, when the run is created, and kept
 * in its params (ids for the scan, names and kinds for the report), so
 * datasets imported later do not change a run halfway.
 */
import { prisma } from "@/lib/db/client";
import type { TTx } from "@/lib/db/transaction";
import type { Dataset } from "@/lib/generated/prisma/client";
import { CheckParamError, type TCheckParams, type TComparedDataset } from "./params";

export type TDatasetChoice = {
  /** Dataset ids or names; none: every agent dataset. */
  datasets?: readonly (string | number)[];
  /** Also compare every general dataset (docs/method.md §5: the check applies to the general data mixed in too). */
  includeGeneral?: boolean;
};

type TDatasetRow = Pick<Dataset, "id" | "name" | "kind">;

/** `db`: the caller's transaction when it plans a run, so the choice and the plan see the same datasets. */
function allDatasets(db: TTx = prisma()): Promise<TDatasetRow[]> {
  return db.dataset.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, kind: true } });
}

export async function resolveDatasets(db: TTx, choice: TDatasetChoice): Promise<TComparedDataset[]> {
  const all = await allDatasets(db);
  const chosen = new Map<number, TDatasetRow>();
  if (choice.datasets && choice.datasets.length > 0) {
    for (const wanted of choice.datasets) {
      const found = all.find((d) => d.id === Number(wanted) || d.name === String(wanted));
      if (!found) throw new CheckParamError(`datasets: no dataset ${JSON.stringify(wanted)}`);
      chosen.set(found.id, found);
    }
  } else {
    for (const d of all) if (d.kind === "agent") chosen.set(d.id, d);
  }
  if (choice.includeGeneral) for (const d of all) if (d.kind === "general") chosen.set(d.id, d);
  return [...chosen.values()].sort((a, b) => a.id - b.id).map(({ id, name, kind }) => ({ id, name, kind }));
}

/** The ids a scan filters on; runs from before the choice compared every dataset there is. */
export type TTrainingScope = { datasetIds: number[]; generalIds: number[] };

export async function scopeOf(params: TCheckParams): Promise<TTrainingScope> {
  const datasets = params.datasets ?? (await allDatasets());
  return { datasetIds: datasets.map((d) => d.id), generalIds: datasets.filter((d) => d.kind === "general").map((d) => d.id) };
}
