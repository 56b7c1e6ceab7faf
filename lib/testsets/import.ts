/**
 * Imports a test set: every record's chosen text becomes one item (a record
 * without text refuses the file), kept with
 * its position (its index in the check's n-gram index), id and task. One
 * transaction with the audit event, items written with COPY.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import { copyRows, type TCopyValue } from "@/lib/db/copy";
import { withTransaction } from "@/lib/db/transaction";
import { UserFacingError } from "@/lib/errors";
import type { TestSet } from "@/lib/generated/prisma/client";
import { EmptyItemCheck } from "./field-check";
import { itemId, itemTask, itemText, readTestRecords } from "./read";

export const ZTestSetInput = z.object({
  name: z.string().trim().min(1).max(200),
  task: z.string().trim().min(1).max(100),
  fields: z.array(z.string().min(1)).min(1, "pick at least one text field"),
});

const SET_SELECT = { id: true, name: true, task: true, sha256: true, fileName: true, fields: true, itemCount: true, createdAt: true } as const;
/** `fields` is stored as JSON: the record keys, in order. */
export type TTestSet = Omit<Pick<TestSet, keyof typeof SET_SELECT>, "fields"> & { fields: string[] };

const BATCH = 5000;

async function sha256File(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function importTestSet(
  actor: TActor,
  filePath: string,
  input: z.input<typeof ZTestSetInput> & { fileName?: string },
): Promise<TTestSet> {
  assertCan(actor, "datasets:import");
  const parsed = ZTestSetInput.parse(input);
  const fileName = input.fileName ?? path.basename(filePath);
  const sha256 = await sha256File(filePath);
  // A pg transaction, not Prisma's: the items go in with COPY on the same connection.
  return withTransaction(async (client) => {
    const taken = await client.query(`select 1 from test_sets where name = $1`, [parsed.name]);
    if (taken.rowCount) throw new UserFacingError(`a test set named "${parsed.name}" already exists`);
    const created = await client.query<{ id: number; created_at: Date }>(
      `insert into test_sets (name, task, sha256, file_name, fields, imported_by_id) values ($1, $2, $3, $4, $5, $6) returning id, created_at`,
      [parsed.name, parsed.task, sha256, fileName, JSON.stringify(parsed.fields), actorId(actor)],
    );
    const id = created.rows[0]!.id;
    let position = 0;
    let rows: TCopyValue[][] = [];
    const emptyItems = new EmptyItemCheck(parsed.fields);
    for await (const r of readTestRecords(filePath, fileName)) {
      const text = itemText(r.value, parsed.fields).replace(/\u0000/g, "");
      emptyItems.see(r.record, r.value, text);
      rows.push([id, position++, itemId(r.value, r.key, r.record), itemTask(r.value, parsed.task), text]);
      if (rows.length >= BATCH) {
        await copyRows(client, "test_set_items", ["test_set_id", "position", "external_id", "task", "text"], rows);
        rows = [];
      }
    }
    await copyRows(client, "test_set_items", ["test_set_id", "position", "external_id", "task", "text"], rows);
    if (position === 0) throw new UserFacingError(`${fileName} holds no records`);
    emptyItems.assertNoneEmpty(fileName); // before commit: a refused file leaves nothing behind
    await client.query(`update test_sets set item_count = $2 where id = $1`, [id, position]);
    const set: TTestSet = { id, name: parsed.name, task: parsed.task, sha256, fileName, fields: parsed.fields, itemCount: position, createdAt: created.rows[0]!.created_at };
    await recordAudit(client, actor, { type: "testset.imported", target: { type: "test_set", id }, after: { name: set.name, task: set.task, sha256, fileName, fields: set.fields, itemCount: position } });
    return set;
  });
}

const toSet = (row: Pick<TestSet, keyof typeof SET_SELECT>): TTestSet => ({ ...row, fields: row.fields as string[] });

export async function listTestSets(actor: TActor): Promise<TTestSet[]> {
  assertCan(actor, "trajectories:read");
  const sets = await prisma().testSet.findMany({ orderBy: { id: "desc" }, select: SET_SELECT });
  return sets.map(toSet);
}

const MAX_INT4 = 2 ** 31 - 1;

export async function findTestSet(actor: TActor, nameOrId: string | number): Promise<TTestSet | null> {
  assertCan(actor, "trajectories:read");
  const id = typeof nameOrId === "number" || /^\d+$/.test(nameOrId) ? Number(nameOrId) : null;
  const byId = id !== null && Number.isSafeInteger(id) && id <= MAX_INT4 ? [{ id }] : [];
  const found = await prisma().testSet.findFirst({ where: { OR: [...byId, { name: String(nameOrId) }] }, select: SET_SELECT });
  return found ? toSet(found) : null;
}
