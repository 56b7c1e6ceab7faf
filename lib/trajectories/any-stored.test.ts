import { describe, expect, it } from "vitest";
import { systemActor, UnauthenticatedError } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { anyTrajectoryStored } from "./any-stored";

useTestDatabase();
const ACTOR = systemActor("test");

describe("anyTrajectoryStored", () => {
  it("tells an empty store from one with a trajectory, for a reader only", async () => {
    await expect(anyTrajectoryStored(null)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await anyTrajectoryStored(ACTOR)).toBe(false);

    await pool().query(`insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by)
                        values (1, 'alpha', 'a.jsonl', 'agentinstruct', 'x', 1, 'test')`);
    await pool().query(`insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count,
                                                  token_count, format_error_count, content_hash)
                        values (1, 'item_1', 'os', 'count the files', 2, 1, 10, 0, md5('1'))`);
    expect(await anyTrajectoryStored(ACTOR)).toBe(true);
  });
});
