import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { inTransaction, withTransaction } from "@/lib/db/transaction";
import { useTestDatabase } from "@/testing/database";
import { recordAudit } from "./events";

useTestDatabase();

const actor = systemActor("test");

async function stored(targetId: string) {
  const rows = await pool().query<{ before: unknown; after: unknown; before_is_null: boolean; actor_label: string }>(
    "select before, after, before is null as before_is_null, actor_label from audit_events where target_id = $1",
    [targetId],
  );
  return rows.rows;
}

describe("recordAudit in the mutation's transaction", () => {
  it("commits with a Prisma transaction and rolls back with it", async () => {
    await inTransaction((tx) => recordAudit(tx, actor, { type: "setting.changed", target: { type: "t", id: "kept" }, after: { at: new Date(0) } }));
    await expect(
      inTransaction(async (tx) => {
        await recordAudit(tx, actor, { type: "setting.changed", target: { type: "t", id: "dropped" } });
        throw new Error("the mutation failed");
      }),
    ).rejects.toThrow("the mutation failed");
    expect(await stored("kept")).toEqual([{ before: null, after: { at: "1970-01-01T00:00:00.000Z" }, before_is_null: true, actor_label: "test" }]);
    expect(await stored("dropped")).toEqual([]);
  });

  it("stores the same row through a Prisma transaction as through a pg client (COPY paths)", async () => {
    const event = { type: "setting.changed", before: null, after: { value: 0.5, skipped: undefined } } as const;
    await inTransaction((tx) => recordAudit(tx, actor, { ...event, target: { type: "t", id: "prisma" } }));
    await withTransaction((client) => recordAudit(client, actor, { ...event, target: { type: "t", id: "pg" } }));
    const [viaPrisma, viaPg] = [await stored("prisma"), await stored("pg")];
    expect(viaPrisma).toEqual(viaPg);
    // An explicit null is a JSON null, not SQL NULL, on both paths.
    expect(viaPrisma[0]).toMatchObject({ before: null, before_is_null: false, after: { value: 0.5 } });
  });
});
