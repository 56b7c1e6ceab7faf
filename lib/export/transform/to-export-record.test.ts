import { describe, expect, it } from "vitest";
import * as prompts from "./__fixtures__/prompts";
import { sourceFrom } from "./__fixtures__/source";
import { toExportRecord } from "./to-export-record";
import type { TLossMask, TThoughtVariant } from "../record";

describe("toExportRecord", () => {
  it("maps roles (observations become user turns), ids per copy and the task turn's position", () => {
    const source = sourceFrom("os", prompts.osTurns(), { id: 42, externalId: "os_7", datasetName: "agentinstruct-os", reward: 0.5 });
    const first = toExportRecord(source, { thoughts: "original", lossMask: "asImported" }, 1);
    expect(first).toMatchObject({
      id: "os_7",
      trajectoryId: 42,
      task: "os",
      sourceModel: "gpt-4",
      datasetName: "agentinstruct-os",
      kind: "agent",
      reward: 0.5,
      taskTurnIndex: 6,
      genericCotRule: false,
    });
    expect(first.turns.map((t) => t.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(first.turns.map((t) => t.text)).toEqual(source.turns.map((t) => t.rawText));
    expect(toExportRecord(source, { thoughts: "original", lossMask: "asImported" }, 3).id).toBe("os_7#3");
    expect(toExportRecord(source, { thoughts: "original", lossMask: "asImported" }, 2).id).toBe("os_7#2");
  });

  it("keeps system turns as system and has no task turn index without a task turn", () => {
    const source = sourceFrom("mind2web", prompts.mind2webTurns());
    const record = toExportRecord(source, { thoughts: "original", lossMask: "asImported" }, 1);
    expect(record.turns[0]!.role).toBe("system");
    expect(record.taskTurnIndex).toBe(3);
    const headless = { ...source, turns: source.turns.map((t) => ({ ...t, isTaskTurn: false })) };
    expect(toExportRecord(headless, { thoughts: "original", lossMask: "asImported" }, 1).taskTurnIndex).toBeNull();
  });

  it("is a pure function: same input, same output, input untouched", () => {
    const variants: TThoughtVariant[] = ["original", "latest", "none"];
    const masks: TLossMask[] = ["asImported", "allAssistant", "critical"];
    for (const turns of [prompts.osTurns, prompts.alfworldTurns, prompts.kgTurns, prompts.mind2webTurns, prompts.genericTurns]) {
      const source = sourceFrom(turns === prompts.genericTurns ? "trivia-qa" : turns().length > 20 ? "kg" : "os", turns());
      source.turns = source.turns.map((t) => (t.role === "assistant" && t.thought ? { ...t, currentThought: `${t.thought} (revised)` } : t));
      const before = structuredClone(source);
      for (const thoughts of variants) {
        for (const lossMask of masks) {
          const a = toExportRecord(source, { thoughts, lossMask }, 2);
          const b = toExportRecord(structuredClone(source), { thoughts, lossMask }, 2);
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        }
      }
      expect(source).toEqual(before);
    }
  });

  it("orders turns by their index whatever order they come in", () => {
    const source = sourceFrom("db", prompts.dbTurns());
    const shuffled = { ...source, turns: [...source.turns].reverse() };
    const options = { thoughts: "none", lossMask: "allAssistant" } as const;
    expect(toExportRecord(shuffled, options, 1)).toEqual(toExportRecord(source, options, 1));
  });
});
