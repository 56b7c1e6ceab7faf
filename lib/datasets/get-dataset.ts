import { assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import type { Dataset } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/errors";
import type { TImportError } from "@/lib/import/options";

export type TDatasetReport = Omit<Dataset, "errors" | "sizeBytes"> & { sizeBytes: number; errors: TImportError[] };

/** One dataset with its import report: counts and the bad records (the first 1,000) by line with their message. */
export async function getDatasetReport(actor: TActor, id: number): Promise<TDatasetReport> {
  assertCan(actor, "trajectories:read");
  const dataset = await prisma().dataset.findUnique({ where: { id } });
  if (!dataset) throw new NotFoundError(`dataset ${id} does not exist`);
  return { ...dataset, sizeBytes: Number(dataset.sizeBytes), errors: dataset.errors as TImportError[] };
}
