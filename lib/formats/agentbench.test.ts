import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { collect, tmpDir, writeJsonl } from "./fixtures/files";
import { agentBenchDb, agentBenchOs, agentBenchWebshop } from "./fixtures/samples";

describe("agentbench", () => {
  it("maps runs.jsonl rows: agent → assistant, status, bool / float / no reward", async () => {
    const rows = [agentBenchOs, agentBenchWebshop, agentBenchDb, { ...agentBenchOs, index: 4, output: { ...agentBenchOs.output, result: { result: 0 } } }];
    const opened = await openTrajectories(writeJsonl(tmpDir(), "runs.jsonl", rows));
    const { trajectories, errors } = await collect(opened.items);
    expect(opened.format).toBe("agentbench");
    expect(errors).toEqual([]);
    expect(trajectories.map((t) => [t.externalId, t.runStatus, t.reward, t.success, t.task])).toEqual([
      ["3", "completed", 1, true, null],
      ["7", "task limit reached", 0.5, null, null],
      ["11", "agent invalid action", null, null, null],
      ["4", "completed", 0, false, null],
    ]);
    expect(trajectories[0]!.turns.map((t) => t.role)).toEqual(["user", "assistant", "user", "assistant"]);
    // the db prediction is kept for later scoring
    expect(trajectories[2]!.metadata).toEqual({
      output: { status: "agent invalid action", result: agentBenchDb.output.result },
    });
    expect(trajectories[0]!.metadata).toMatchObject({ time: agentBenchOs.time, error: null });
  });

  it("reports a row without output, with the run's error", async () => {
    const rows = [agentBenchOs, { index: 9, error: "TimeoutError", output: null }];
    const { errors } = await collect((await openTrajectories(writeJsonl(tmpDir(), "runs.jsonl", rows))).items);
    expect(errors).toEqual([
      { line: 2, record: 2, message: 'field "output" must be an object (the run failed: TimeoutError)' },
    ]);
  });
});
