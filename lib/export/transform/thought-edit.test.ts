import { describe, expect, it } from "vitest";
import { parseAssistantStep } from "@/lib/steps";
import { toExportRecord } from "./to-export-record";
import { stepWithThought, stepWithoutThought } from "./thought-edit";
import { asst, sourceFrom, user } from "./__fixtures__/source";

/** The thought a step had at import, as lib/steps parsed it. */
const parsedThought = (task: string, text: string) => parseAssistantStep(task, text).thought;

function substitute(task: string, raw: string, thought: string): string {
  const out = stepWithThought(task, raw, parsedThought(task, raw), thought);
  const before = parseAssistantStep(task, raw);
  const after = parseAssistantStep(task, out);
  expect(after.thought).toBe(thought.trim());
  expect([after.action, after.actionKind, after.formatError]).toEqual([before.action, before.actionKind, before.formatError]);
  return out;
}

describe("stepWithThought: a reviewed thought replaces the imported one in place", () => {
  it.each([
    ["os", "Think: list it.\n\nAct: bash\n\n```bash\nls -la\n```", "Think: NEW\n\nAct: bash\n\n```bash\nls -la\n```"],
    ["db", "Count the rows.\nAction: Operation\n```sql\nSELECT COUNT(*) FROM t;\n```", "NEW\nAction: Operation\n```sql\nSELECT COUNT(*) FROM t;\n```"],
    ["alfworld", "THOUGHT: the shelf first.\n ACTION: go to shelf 1", "THOUGHT: NEW\n ACTION: go to shelf 1"],
    ["webshop", "Thought:\nI think I should search.\n\nAction:\nsearch[red mug]", "Thought:\nNEW\n\nAction:\nsearch[red mug]"],
    ["kg", "Thought: relations of X.\nAction: get_relations(X)", "Thought: NEW\nAction: get_relations(X)"],
    ["kg", "Thought: #2 answers it.\nFinal Answer: #2", "Thought: NEW\nFinal Answer: #2"],
    ["mind2web", "Thought: the search box.\nAnswer: C.\nAction: TYPE\nValue: boots", "Thought: NEW\nAnswer: C.\nAction: TYPE\nValue: boots"],
    ["hotpotqa", "Thought 2: search the year.\nAction 2: search[1911]", "Thought 2: NEW\nAction 2: search[1911]"],
    ["trivia-qa", "Thought: look it up.\nAction: lookup[x]", "Thought: NEW\nAction: lookup[x]"],
  ])("%s", (task, raw, expected) => {
    expect(substitute(task, raw, "NEW")).toBe(expected);
  });

  it("keeps terminal bytes and everything else around the thought", () => {
    const raw = "\u001b[0mThink: old idea.\r\n\r\nAct: bash\r\n\r\n```bash\r\necho '\u001b[1m'\r\n```";
    expect(substitute("os", raw, "fresh idea")).toBe("\u001b[0mThink: fresh idea\r\n\r\nAct: bash\r\n\r\n```bash\r\necho '\u001b[1m'\r\n```");
  });

  it("replaces the thought, not an equal string inside the action", () => {
    expect(substitute("os", "Think: ls\n\nAct: bash\n\n```bash\nls\n```", "list the folder")).toBe("Think: list the folder\n\nAct: bash\n\n```bash\nls\n```");
  });

  it("inserts a thought into a step that had none, in the task's own syntax", () => {
    expect(substitute("alfworld", "ACTION: go to desk 1", "The desk may hold it.")).toBe("THOUGHT: The desk may hold it.\n ACTION: go to desk 1");
    expect(substitute("os", "Act: finish", "Done.")).toBe("Think: Done.\n\nAct: finish");
    expect(substitute("db", "Action: Answer\nFinal Answer: [\"3\"]", "It is 3.")).toBe("It is 3.\nAction: Answer\nFinal Answer: [\"3\"]");
    expect(substitute("webshop", "Action:\nclick[Buy Now]", "I think it fits.")).toBe("Thought:\nI think it fits.\n\nAction:\nclick[Buy Now]");
    expect(substitute("kg", "Final Answer: #1", "#1 it is.")).toBe("Thought: #1 it is.\nFinal Answer: #1");
    expect(substitute("mind2web", "Answer: B.\nAction: CLICK", "The link.")).toBe("Thought: The link.\nAnswer: B.\nAction: CLICK");
  });

  it("rebuilds the step as thought + action part when the old thought cannot be found in the raw text", () => {
    // Terminal bytes inside the thought: the parsed (stripped) thought is not a substring of the raw text.
    const raw = "Think: I will \u001b[1mlist\u001b[0m the files.\n\nAct: bash\n\n```bash\nls\n```";
    expect(parsedThought("os", raw)).toBe("I will list the files.");
    expect(substitute("os", raw, "Count them instead.")).toBe("Think: Count them instead.\n\nAct: bash\n\n```bash\nls\n```");
    // A stale thought (the step no longer contains it).
    const webshop = "Thought:\nI think I should click it.\n\nAction:\nclick[B01]";
    expect(stepWithThought("webshop", webshop, "something else entirely", "Pick B01.")).toBe("Thought:\nPick B01.\n\nAction:\nclick[B01]");
    const alf = "THOUGHT: go on.\n ACTION: open drawer 1";
    expect(stepWithThought("alfworld", alf, "not in the text", "Open it.")).toBe("THOUGHT: Open it.\n ACTION: open drawer 1");
    const m2w = "Answer: C.\nThought: stale\nAction: CLICK";
    expect(stepWithThought("mind2web", m2w, "other", "Fresh.")).toBe("Thought: Fresh.\nAnswer: C.\nAction: CLICK");
  });

  it("treats a blank revision as removing the thought", () => {
    expect(stepWithThought("kg", "Thought: x\nAction: count(#0)", "x", "  ")).toBe("Action: count(#0)");
  });
});

describe("stepWithoutThought", () => {
  it("returns the step unchanged when it has no thought, null when it is only a thought", () => {
    expect(stepWithoutThought("alfworld", "ACTION: look")).toBe("ACTION: look");
    expect(stepWithoutThought("alfworld", "think: maybe the drawer.")).toBeNull();
    expect(stepWithoutThought("os", "Think: hmm\n\n```bash\nls\n```")).toBeNull();
  });
});

describe("latest variant in toExportRecord", () => {
  it("uses each step's latest revision and leaves unrevised steps as imported", () => {
    const source = sourceFrom("webshop", [
      user("Reply with Thought and Action."),
      asst("Ok.", false),
      user("WebShop [SEP] Instruction: [SEP] a mug [SEP] Search"),
      asst("Thought:\nI think I should search.\n\nAction:\nsearch[mug]"),
      user("Results [SEP] B01 [SEP] Mug"),
      asst("Thought:\nClick it.\n\nAction:\nclick[B01]"),
    ]);
    source.turns[3] = { ...source.turns[3]!, currentThought: "Search for the mug by name.", thoughtVersion: 2 };
    source.turns[5] = { ...source.turns[5]!, currentThought: "Click it.", thoughtVersion: 1 };
    const latest = toExportRecord(source, { thoughts: "latest", lossMask: "asImported" }, 1);
    expect(latest.turns[3]!.text).toBe("Thought:\nSearch for the mug by name.\n\nAction:\nsearch[mug]");
    expect(latest.turns[5]!.text).toBe(source.turns[5]!.rawText);
    const original = toExportRecord(source, { thoughts: "original", lossMask: "asImported" }, 1);
    expect(original.turns.map((t) => t.text)).toEqual(source.turns.map((t) => t.rawText));
  });
});
