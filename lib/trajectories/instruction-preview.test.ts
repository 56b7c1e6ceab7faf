import { describe, expect, it } from "vitest";
import { countOf, instructionPreview, taskSentence } from "./instruction-preview";

describe("taskSentence", () => {
  it("drops each task's fixed preamble and keeps the task's own sentence", () => {
    expect(taskSentence("Now, I will start a new problem in a new OS. My problem is:\n\nHow many files are in /etc?")).toBe("How many files are in /etc?");
    expect(taskSentence("Here is your task. You are in the middle of a room. Looking around you, you see a desk 1.\nYour task is to: put a pen on the desk.")).toBe("put a pen on the desk.");
    expect(taskSentence("WebShop [SEP] Instruction: [SEP] i need a red scarf under 30 dollars [SEP] Search")).toBe("i need a red scarf under 30 dollars");
    expect(taskSentence("A new question: who wrote Dune?\nEntities: [Dune]")).toBe("who wrote Dune?\nEntities: [Dune]");
    expect(taskSentence("'''\n<html>...</html>\n'''\n\nUsing the HTML web page above, work toward the following task:\nTask: Book a table for two\nPrevious actions:\nNone")).toBe("Book a table for two");
  });

  it("leaves an instruction without a known preamble as it is", () => {
    expect(taskSentence("  What is the total revenue in 2021?\nThe name of this table is sales  ")).toBe("What is the total revenue in 2021?\nThe name of this table is sales");
  });
});

describe("instructionPreview", () => {
  it("falls back to the first human or assistant text, marked with its role", () => {
    expect(instructionPreview("", { role: "assistant", text: " Thought: I should search for the film. " })).toEqual({ text: "Thought: I should search for the film.", source: "assistant" });
    expect(instructionPreview("", { role: "user", text: "Hello" })).toEqual({ text: "Hello", source: "user" });
    expect(instructionPreview("", null)).toEqual({ text: "", source: "none" });
    expect(instructionPreview("Count the files", { role: "user", text: "other" })).toEqual({ text: "Count the files", source: "instruction" });
  });
});

describe("countOf", () => {
  it("uses the singular for one and the plural otherwise", () => {
    expect(countOf(1, "trajectory", "trajectories")).toBe("1 trajectory");
    expect(countOf(0, "trajectory", "trajectories")).toBe("0 trajectories");
    expect(countOf(12345, "item")).toBe("12,345 items");
  });
});
