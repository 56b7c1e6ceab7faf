/**
 * A test set stored before imports refused empty items (a misspelled field)
 * must not run: every trajectory would come out clean and lose its label.
 */
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { UserFacingError } from "@/lib/errors";
import { useTestDatabase } from "@/testing/database";
import { createRun } from "./run";

useTestDatabase();
const ACTOR = systemActor("test");

describe("a check against a test set with empty items", () => {
  it("is refused, naming the set and the empty items, and no run is stored", async () => {
    const set = await pool().query<{ id: number }>(
      `insert into test_sets (name, task, sha256, file_name, fields, item_count) values ('dbbench', 'db', 'x', 'dbbench.jsonl', '["descripton"]', 3) returning id`,
    );
    const id = set.rows[0]!.id;
    await pool().query(
      `insert into test_set_items (test_set_id, position, external_id, task, text) values ($1, 0, 'a', 'db', ''), ($1, 1, 'b', 'db', 'How many rows?'), ($1, 2, 'c', 'db', ' ')`,
      [id],
    );
    const error = await createRun(ACTOR, "dbbench").then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toMatch(/dbbench/);
    expect((error as Error).message).toMatch(/2 of 3 items/);
    expect((error as Error).message).toMatch(/\ba, c\b/);
    expect((await pool().query("select count(*)::int as n from contamination_runs")).rows[0].n).toBe(0);
  });
});
