import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { systemActor } from "@/lib/access/actor";
import { useTestDatabase } from "@/testing/database";
import { listTrajectories } from "./list-trajectories";
import { ZTrajectoryQuery } from "./query";

useTestDatabase();
const ACTOR = systemActor("test");

// An OS row with the preamble; three NAT-like rows sharing one external id with no instruction; one in another dataset.
beforeAll(async () => {
  await pool().query(`insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values
    (1, 'os-set', 'os.jsonl', 'agentinstruct', 'x', 1, 'test'), (2, 'nat-set', 'nat.jsonl', 'agentinstruct', 'y', 1, 'test')`);
  await pool().query(`
    insert into trajectories (id, dataset_id, external_id, task, source_model, instruction, turn_count, step_count, token_count, content_hash) values
      (1, 1, 'os_1', 'os', null, 'Now, I will start a new problem in a new OS. My problem is:' || chr(10) || chr(10) || 'Count the files in /etc.', 2, 1, 10, 'h1'),
      (2, 2, 'nat_7', 'kg', 'llama-t0.2', '', 2, 1, 10, 'h2'),
      (3, 2, 'nat_7', 'kg', 'llama-t0.7', '', 2, 1, 10, 'h3'),
      (4, 2, 'nat_7', 'kg', 'llama-t1.0', '', 1, 0, 10, 'h4')`);
  await pool().query(`
    insert into turns (trajectory_id, index, role, raw_text) values
      (1, 0, 'user', 'prompt'), (2, 0, 'system', 'You are a helpful agent.'), (2, 1, 'assistant', 'Thought: find the film' || chr(27) || '[0m'),
      (3, 0, 'assistant', 'Thought: look up the director'), (4, 0, 'observation', 'nothing')`);
});

describe("table rows: previews and shared external ids", () => {
  it("shows the task's own sentence, the first human or assistant text when there is no instruction, and each row's sample number", async () => {
    const page = await listTrajectories(ACTOR, ZTrajectoryQuery.parse({ sort: "updated", dir: "asc" }));
    const byId = Object.fromEntries(page.rows.map((row) => [row.id, row]));
    expect(byId["1"]?.preview).toEqual({ text: "Count the files in /etc.", source: "instruction" });
    expect(byId["2"]?.preview).toEqual({ text: "Thought: find the film", source: "assistant" });
    expect(byId["3"]?.preview).toEqual({ text: "Thought: look up the director", source: "assistant" });
    expect(byId["4"]?.preview).toEqual({ text: "", source: "none" });
    expect(byId["1"]?.sample).toEqual({ number: 1, of: 1 });
    expect([byId["2"]?.sample, byId["3"]?.sample, byId["4"]?.sample]).toEqual([{ number: 1, of: 3 }, { number: 2, of: 3 }, { number: 3, of: 3 }]);
  });
});
