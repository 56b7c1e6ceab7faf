import { recordAudit } from "@/lib/audit/events";
import { assertCan, type TActor } from "@/lib/access/actor";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors";

/** Deletes a dataset with its trajectories and turns (cascade) and their contamination labels (a trigger), audited in the same transaction. */
export async function deleteDataset(actor: TActor, datasetId: number): Promise<void> {
  assertCan(actor, "datasets:delete");
  await inTransaction(async (tx) => {
    const row = await tx.dataset.findUnique({ where: { id: datasetId }, select: { name: true, trajectoryCount: true, sha256: true } });
    // deleteMany: a concurrent delete between the two statements is a 404 here too, not a "record not found" crash.
    const deleted = row ? await tx.dataset.deleteMany({ where: { id: datasetId } }) : { count: 0 };
    if (!row || deleted.count === 0) throw new NotFoundError(`no dataset with id ${datasetId}`);
    await recordAudit(tx, actor, {
      type: "dataset.deleted",
      target: { type: "dataset", id: datasetId },
      before: { name: row.name, trajectories: row.trajectoryCount, sha256: row.sha256 },
    });
  });
}
