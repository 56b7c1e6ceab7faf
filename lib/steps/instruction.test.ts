import { describe, expect, it } from "vitest";
import { conciseInstruction, INSTRUCTION_MAX_CHARS } from "./instruction";

describe("conciseInstruction", () => {
  it("keeps a short task turn whole", () => {
    expect(conciseInstruction("  How many users are there?\n")).toBe("How many users are there?");
  });

  it("takes the Task: line out of a long page dump", () => {
    const turn = `'''\n<html>${"<div>x</div>".repeat(500)}</html>\n'''\nTask: Show the schedule of the Heat.\nPrevious actions:\nNone`;
    expect(conciseInstruction(turn)).toBe("Show the schedule of the Heat.");
  });

  it("cuts the middle of a long turn without a Task: line", () => {
    const turn = `Question at the start. ${"filler ".repeat(1000)} Question at the end?`;
    const concise = conciseInstruction(turn);
    expect(concise.length).toBeLessThanOrEqual(INSTRUCTION_MAX_CHARS + 3);
    expect(concise.startsWith("Question at the start.")).toBe(true);
    expect(concise.endsWith("Question at the end?")).toBe(true);
  });
});
