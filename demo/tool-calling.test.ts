/**
 * The demo's tool-calling file: OpenAI shape, deterministic, each defect present, and loaded
 * through the real importer with calls, flags, outcome and one stored tool set.
 */
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { writeDemoFiles } from "./generate";
import { toolScenarioOf, UNRESOLVED_SCENARIOS, type TToolRow } from "./tool-calling";

useTestDatabase();

async function demoToolFile(seed: number, toolRows: number) {
  const dir = await mkdtemp(path.join(tmpdir(), "demo-tools-"));
  const result = await writeDemoFiles(dir, { seed, perTask: 2, generalRows: 2, tasks: ["os"], toolRows });
  return result.files.find((file) => file.name === "demo-tool-calling");
}

describe("demo tool-calling dataset", () => {
  it("is written only when asked, byte-identical for a seed, in the OpenAI tool-calling shape", async () => {
    expect(await demoToolFile(1, 0)).toBeUndefined();
    const [a, b] = [(await demoToolFile(3, 24))!, (await demoToolFile(3, 24))!];
    expect(readFileSync(a.path, "utf8")).toBe(readFileSync(b.path, "utf8"));
    const rows = readFileSync(a.path, "utf8").trim().split("\n").map((line) => JSON.parse(line) as TToolRow);
    expect(rows).toHaveLength(24);
    for (const row of rows) {
      expect(row.tools.map((tool) => tool.function.name)).toEqual(["search_flights", "book_flight", "get_booking", "cancel_booking"]);
      expect(row.messages.some((m) => m.role === "assistant" && m.tool_calls?.length && m.content === null)).toBe(true);
    }
    expect(rows.filter((row) => !row.resolved).length).toBeGreaterThanOrEqual(4);
  });

  it("imports as task 'tools' with its calls, outcome, flags and one tool set", async () => {
    const file = (await demoToolFile(5, 24))!;
    const report = await importFile(systemActor("demo"), { filePath: file.path, datasetName: file.name, kind: "agent" });
    expect(report).toMatchObject({ imported: 24, skipped: 0, duplicates: 0 });

    const rows = await pool().query<{ external_id: string; task: string; reward: number; format_error_count: number; loop_start_turn: number | null; calls: number }>(
      `select t.external_id, t.task, t.reward, t.format_error_count, t.loop_start_turn,
              (select count(*)::int from turns u, jsonb_array_elements(u.tool_calls) where u.trajectory_id = t.id) as calls
         from trajectories t order by t.id`,
    );
    const scenarioOf = (externalId: string) => toolScenarioOf(Number(externalId.replace("tripdesk_", "")) - 1);
    for (const row of rows.rows) {
      const scenario = scenarioOf(row.external_id);
      expect(row.task).toBe("tools");
      expect(row.calls).toBeGreaterThan(0);
      expect(row.reward).toBe(UNRESOLVED_SCENARIOS.includes(scenario) ? 0 : 1);
      const flagged = ["invalid-json", "schema", "undeclared", "loop", "cut-off"].includes(scenario);
      expect(row.format_error_count > 0, `${row.external_id} (${scenario})`).toBe(flagged);
      expect(row.loop_start_turn !== null, `${row.external_id} (${scenario})`).toBe(scenario === "loop");
    }
    const sets = await pool().query<{ n: number }>("select count(*)::int as n from tool_sets");
    expect(sets.rows[0]!.n).toBe(1);
  });
});
