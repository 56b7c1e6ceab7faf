import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { recordAudit } from "./events";
import { listAuditEvents, type TAuditRow, ZAuditQuery } from "./list-events";

useTestDatabase();

const admin = systemActor("test");
const EVENTS = 250;

/** Pages through the log as the audit page does, following `older` until it ends. */
async function walk(filter: Record<string, string> = {}): Promise<TAuditRow[]> {
  const seen: TAuditRow[] = [];
  let before: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const { rows, older } = await listAuditEvents(admin, ZAuditQuery.parse({ ...filter, before }));
    seen.push(...rows);
    if (!older) return seen;
    before = older;
  }
  throw new Error("paging did not end");
}

beforeAll(async () => {
  for (let i = 0; i < EVENTS; i += 1) {
    await recordAudit(pool(), admin, { type: i % 2 ? "setting.changed" : "dataset.deleted", target: { type: "n", id: i } });
  }
  // Time, not id, says which is newer: event 7 is backdated a day, and events 100..109 share one instant.
  await pool().query("update audit_events set created_at = created_at - interval '1 day' where target_id = '7'");
  await pool().query("update audit_events set created_at = (select created_at from audit_events where target_id = '100') where target_id::int between 100 and 109");
});

describe("the audit log, newest first by (time, id)", () => {
  it("visits each of 250 events exactly once, newest first, across pages", async () => {
    // Select the bigint itself: an output column `id::text` would make ORDER BY id sort as text.
    const expected = await pool().query<{ id: string }>("select id from audit_events order by created_at desc, id desc");
    const seen = await walk();
    expect(seen.map((row) => row.id)).toEqual(expected.rows.map((row) => row.id));
    expect(new Set(seen.map((row) => row.id)).size).toBe(EVENTS);
    expect(seen[0]!.targetId).toBe("249");
    expect(seen.at(-1)!.targetId).toBe("7");
  });

  it("pages a filtered view the same way", async () => {
    const seen = await walk({ type: "setting.changed" });
    expect(seen).toHaveLength(EVENTS / 2);
    expect(seen.every((row) => row.type === "setting.changed")).toBe(true);
    expect(seen.map((row) => Number(row.targetId))).toEqual(
      [...seen].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || Number(b.id) - Number(a.id)).map((row) => Number(row.targetId)),
    );
  });

  it("refuses a cursor that is not one", () => {
    expect(ZAuditQuery.safeParse({ before: "not a cursor" }).success).toBe(false);
  });
});
