import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { collect, tmpDir, writeJsonl } from "./fixtures/files";
import { nebiusFailedRow, nebiusRow } from "./fixtures/tool-samples";

async function read(rows: unknown[]) {
  const opened = await openTrajectories(writeJsonl(tmpDir(), "nebius.jsonl", rows));
  return { format: opened.format, ...(await collect(opened.items)) };
}

describe("sweagent (Nebius release)", () => {
  it("maps roles, the system prompt, mask → loss, target → reward and the run's fields", async () => {
    const { format, trajectories, errors } = await read([nebiusRow, nebiusFailedRow]);
    expect(format).toBe("sweagent");
    expect(errors).toEqual([]);
    const [ok, failed] = trajectories;
    expect(ok!.turns.map((t) => [t.role, t.loss])).toEqual([
      ["system", false],
      ["user", false],
      ["assistant", true],
      ["user", false],
      ["assistant", true],
      ["user", false],
      ["assistant", true],
    ]);
    expect(ok!.turns[0]!.text).toBe(nebiusRow.trajectory[0]!.system_prompt);
    expect(ok!.turns[4]!.text).toBe(nebiusRow.trajectory[4]!.text);
    // ai turns are marked for lib/steps to read their fenced command
    expect(ok!.turns.filter((t) => t.textCalls === "sweagent").length).toBe(3);
    expect(ok).toMatchObject({
      externalId: "acme__widgets-1234",
      sourceModel: "swe-agent-llama-70b",
      reward: 1,
      success: true,
      runStatus: "submitted",
    });
    expect(ok!.metadata).toEqual({
      generated_patch: nebiusRow.generated_patch,
      eval_logs: nebiusRow.eval_logs,
      rewardField: "target",
      cutoffDate: "2024-06-01",
    });
    expect(failed).toMatchObject({ reward: 0, success: false, runStatus: "exit_cost" });
  });

  it("refuses an unknown role or a missing text, naming the turn", async () => {
    const rows = [
      { instance_id: "a", trajectory: [{ role: "robot", text: "x", mask: false }] },
      { instance_id: "b", trajectory: [{ role: "ai", text: null, mask: true }] },
      { instance_id: "c", trajectory: [{ role: "ai", text: "x", mask: "yes" }] },
    ];
    const { errors } = await read(rows);
    expect(errors.map((e) => e.message)).toEqual([
      'trajectory[0].role "robot" is not a known role (system, user, ai)',
      "trajectory[0].text must be a string",
      "trajectory[0].mask must be true, false or null",
    ]);
  });
});
