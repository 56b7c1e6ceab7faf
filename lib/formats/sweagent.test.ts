import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { parquetWriteBuffer } from "hyparquet-writer";
import { collect, tmpDir, writeJsonl, writeText } from "./fixtures/files";
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

describe("sweagent from parquet (how the release ships)", () => {
  it("reads `trajectory` as a list of structs, nulls and all", async () => {
    const rows = [nebiusRow, nebiusFailedRow];
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "instance_id", data: rows.map((r) => r.instance_id) },
        { name: "model_name", data: rows.map((r) => r.model_name) },
        { name: "target", data: rows.map((r) => r.target) },
        { name: "trajectory", data: rows.map((r) => r.trajectory.map((t) => ({ cutoff_date: null, ...t }))) },
        { name: "exit_status", data: rows.map((r) => r.exit_status) },
      ],
      schema: [
        { name: "root", num_children: 5 },
        { name: "instance_id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        { name: "model_name", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        { name: "target", type: "BOOLEAN", repetition_type: "OPTIONAL" },
        { name: "trajectory", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", repetition_type: "OPTIONAL", num_children: 5 },
        { name: "cutoff_date", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        { name: "mask", type: "BOOLEAN", repetition_type: "OPTIONAL" },
        { name: "role", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        { name: "system_prompt", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        { name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        { name: "exit_status", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      ],
    });
    const opened = await openTrajectories(writeText(tmpDir(), "train-00000-of-00001.parquet", Buffer.from(buf)));
    const { trajectories, errors } = await collect(opened.items);
    expect(opened).toMatchObject({ format: "sweagent", container: "parquet" });
    expect(errors).toEqual([]);
    expect(trajectories.map((t) => [t.externalId, t.reward, t.runStatus, t.turns.length])).toEqual([
      ["acme__widgets-1234", 1, "submitted", 7],
      ["acme__widgets-99", 0, "exit_cost", 3],
    ]);
    expect(trajectories[0]!.turns.map((t) => t.text)).toEqual(nebiusRow.trajectory.map((t) => t.text ?? t.system_prompt));
  });
});
