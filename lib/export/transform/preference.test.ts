import { describe, expect, it } from "vitest";
import type { TExportRecord } from "../record";
import { preferencePair } from "./preference";
import * as prompts from "./__fixtures__/prompts";
import { asst, sourceFrom, user } from "./__fixtures__/source";
import { toExportRecord } from "./to-export-record";

const OPTIONS = { thoughts: "original", lossMask: "allAssistant" } as const;

function dbRun(id: number, answer: string, task = "What is the average price of red items?"): TExportRecord {
  const turns = prompts.dbTurns();
  turns[2] = user(`${task}\nThe name of this table is items, and the headers of this table are name, color, price.`);
  turns[5] = asst(`The average is ${answer}.\nAction: Answer\nFinal Answer: ["${answer}"]`);
  return toExportRecord(sourceFrom("db", turns, { id, externalId: `db_${id}` }), OPTIONS, 1);
}

describe("preferencePair", () => {
  it("shares the prompt up to the task turn and pairs what follows", () => {
    const chosen = dbRun(1, "12.5");
    const rejected = dbRun(2, "13");
    const pair = preferencePair(chosen, rejected);
    expect(pair).not.toBeNull();
    expect(pair!.id).toBe("db_1|db_2");
    expect(pair!.task).toBe("db");
    expect([pair!.chosenTrajectoryId, pair!.rejectedTrajectoryId]).toEqual([1, 2]);
    expect(pair!.prompt).toEqual(chosen.turns.slice(0, 3));
    expect(pair!.chosen).toEqual(chosen.turns.slice(3));
    expect(pair!.rejected).toEqual(rejected.turns.slice(3));
    expect(pair!.rejected.at(-1)!.text).toContain('Final Answer: ["13"]');
  });

  it("is null for different instructions or a side without an assistant turn", () => {
    expect(preferencePair(dbRun(1, "12.5"), dbRun(2, "13", "What is the cheapest item?"))).toBeNull();
    const empty = dbRun(3, "1");
    expect(preferencePair(dbRun(1, "12.5"), { ...empty, turns: empty.turns.slice(0, 3) })).toBeNull();
    expect(preferencePair({ ...empty, turns: empty.turns.slice(0, 3) }, dbRun(1, "12.5"))).toBeNull();
  });

  it("falls back to the first user turn as the prompt without a task turn, and to null without any user turn", () => {
    const a = dbRun(1, "12.5");
    const b = dbRun(2, "13");
    const headless = (r: TExportRecord): TExportRecord => ({ ...r, taskTurnIndex: null });
    const pair = preferencePair(headless(a), headless(b));
    expect(pair!.prompt).toEqual(a.turns.slice(0, 1));
    const onlyAssistant = { ...headless(b), turns: b.turns.filter((t) => t.role === "assistant") };
    expect(preferencePair(headless(a), onlyAssistant)).toBeNull();
  });
});
