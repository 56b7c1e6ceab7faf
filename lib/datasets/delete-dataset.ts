import { recordAudit } from "@/lib/audit/events";
import { assertCan, type TActor } from "@/lib/access/actor";
import { withTransaction } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors";

/** Deletes a dataset with its trajectories and turns (cascade), audited in the same transaction. */
export async function deleteDataset(actor: TActor, datasetId: number): Promise<void> {
  assertCan(actor, "datasets:delete");
  await withTransaction(async (client) => {
    const deleted = await client.query<{ name: string; trajectory_count: number; sha256: string }>(
      "delete from datasets where id = $1 returning name, trajectory_count, sha256",
      [datasetId],
    );
    const row = deleted.rows[0];
    if (!row) throw new NotFoundError(`no dataset with id ${datasetId}`);
    await recordAudit(client, actor, {
      type: "dataset.deleted",
      target: { type: "dataset", id: datasetId },
      before: { name: row.name, trajectories: row.trajectory_count, sha256: row.sha256 },
    });
  });
}
