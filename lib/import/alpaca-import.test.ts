/**
 * FireAct's alpaca release on a real PostgreSQL: rows detected from content,
 * the task taken from the file name, and a bad step named after that task.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { scratchDir, writeLines } from "@/testing/fixtures";
import { importFile } from "./import-file";

useTestDatabase();
const ACTOR = systemActor("test");
const dir = scratchDir();

const penguin = {
  instruction: "Question: Can a penguin fly to the Moon?",
  input: "",
  output: "Thought: Penguins cannot fly at all.\nAction: search[penguin flight]\nObservation: Penguins are flightless birds.\nThought: So no.\nAction: finish[no]",
};
const badStep = {
  instruction: "Question: Is the Nile longer than the Thames?",
  input: "",
  output: "Thought: The Nile is far longer.\nAction: answer[yes]",
};

describe("importing FireAct's alpaca release", () => {
  it("imports strategyqa rows with the task from the file name, and names strategyqa in a format error", async () => {
    const file = path.join(dir, "strategyqa_train_alpaca.json");
    writeFileSync(file, JSON.stringify([penguin, badStep], null, 2));
    const report = await importFile(ACTOR, { filePath: file });
    expect(report).toMatchObject({ format: "alpaca", imported: 2, skipped: 0 });
    const rows = await pool().query<{ task: string; instruction: string; turn_count: number; format_error_count: number }>(
      "select task, instruction, turn_count, format_error_count from trajectories order by id",
    );
    expect(rows.rows).toEqual([
      { task: "strategyqa", instruction: "Question: Can a penguin fly to the Moon?", turn_count: 4, format_error_count: 0 },
      { task: "strategyqa", instruction: "Question: Is the Nile longer than the Thames?", turn_count: 2, format_error_count: 1 },
    ]);
    const error = await pool().query<{ format_error: string }>("select format_error from turns where format_error is not null");
    expect(error.rows[0]!.format_error).toMatch(/^strategyqa action must be search\[\.\.\.\], lookup\[\.\.\.\] or finish\[\.\.\.\], got `answer\[yes\]`/);
  });

  it("takes hotpotqa from `..._hotpotqa.jsonl` and --format alpaca is accepted", async () => {
    const file = writeLines(dir, "fireact_hotpotqa.jsonl", [{ ...penguin, instruction: "Question: Which is taller, the Eiffel Tower or Big Ben?" }]);
    const report = await importFile(ACTOR, { filePath: file, format: "alpaca" });
    expect(report).toMatchObject({ format: "alpaca", imported: 1 });
    const row = await pool().query("select t.task from trajectories t join datasets d on d.id = t.dataset_id where d.name = 'fireact_hotpotqa'");
    expect(row.rows).toEqual([{ task: "hotpotqa" }]);
  });
});
