import { describe, expect, it } from "vitest";
import { parseAlfworldStep } from "./grammars/alfworld";
import { parseDbStep } from "./grammars/db";
import { parseGenericStep } from "./grammars/generic";
import { parseKgStep } from "./grammars/kg";
import { parseMind2webStep } from "./grammars/mind2web";
import { parseOsStep } from "./grammars/os";
import { parseReactStep } from "./grammars/react";
import { parseWebshopStep } from "./grammars/webshop";
import { canonicalTask, grammarFor, knownTasks } from "./tasks";
import { parseAssistantStep, parseTrajectory } from "./parse";

describe("os steps", () => {
  it("parses Act: bash with its code block", () => {
    expect(parseOsStep("Think: list files.\n\nAct: bash\n\n```bash\nls -la /tmp\n```")).toEqual({
      thought: "list files.",
      action: "ls -la /tmp",
      actionKind: "bash",
      formatError: null,
    });
  });
  it("parses answer(...) and finish", () => {
    expect(parseOsStep("Think: got it.\n\nAct: answer(220)")).toMatchObject({ action: "220", actionKind: "answer", formatError: null });
    expect(parseOsStep("Think: done.\n\nAct: finish")).toMatchObject({ action: "finish", actionKind: "finish", formatError: null });
  });
  it("accepts a step without Think:", () => {
    expect(parseOsStep("Act: bash\n```bash\npwd\n```")).toMatchObject({ thought: null, action: "pwd", formatError: null });
  });
  it("flags a step without Act:", () => {
    expect(parseOsStep("Think: I will run ls.\n```bash\nls\n```").formatError).toBe("os step has no `Act:` line");
  });
  it("flags Act: bash without a bash block, an unknown act and answer without parentheses", () => {
    expect(parseOsStep("Think: x\n\nAct: bash\n\nls /").formatError).toBe("os `Act: bash` has no ```bash code block");
    expect(parseOsStep("Think: x\n\nAct: bash\n\n```sh\nls /\n```").formatError).toBe("os `Act: bash` has no ```bash code block");
    expect(parseOsStep("Think: x\n\nAct: python").formatError).toBe("os `Act:` must be bash, answer(...) or finish, got `python`");
    expect(parseOsStep("Think: x\n\nAct: answer 42").formatError).toMatch(/parentheses/);
  });
  it("flags two Act: lines but ignores Act: inside code", () => {
    expect(parseOsStep("Think: x\nAct: bash\n```bash\nls\n```\nAct: finish").formatError).toBe("os step has 2 `Act:` lines; one action per turn");
    expect(parseOsStep("Think: x\nAct: bash\n```bash\necho 'Act: finish'\n```").formatError).toBeNull();
  });
});

describe("db steps", () => {
  it("parses an operation and an answer", () => {
    expect(parseDbStep("Count the rows.\nAction: Operation\n```sql\nSELECT COUNT(*) FROM t;\n```")).toEqual({
      thought: "Count the rows.",
      action: "SELECT COUNT(*) FROM t;",
      actionKind: "sql",
      formatError: null,
    });
    expect(parseDbStep("It is 28.\nAction: Answer\nFinal Answer: [\"28\"]")).toMatchObject({ action: "[\"28\"]", actionKind: "answer", formatError: null });
  });
  it("flags steps that never act or answer", () => {
    expect(parseDbStep("I think the answer is 28.").formatError).toBe("db step ends without `Action: Operation` or `Action: Answer`");
    expect(parseDbStep("x\nAction: Answer\nThe answer is 28").formatError).toBe("db `Action: Answer` has no `Final Answer:` line");
    expect(parseDbStep("x\nAction: Operation\nSELECT 1;").formatError).toBe("db `Action: Operation` has no ```sql code block");
    expect(parseDbStep("x\nAction: Query\n```sql\nSELECT 1;\n```").formatError).toBe("db `Action:` must be Operation or Answer, got `Query`");
    expect(parseDbStep("x\nAction: Answer\nFinal Answer: 28").formatError).toMatch(/must be a list/);
  });
});

describe("alfworld steps", () => {
  it("parses THOUGHT + ACTION and ACTION alone", () => {
    expect(parseAlfworldStep("THOUGHT: find a mug.\n ACTION: go to cabinet 1")).toEqual({
      thought: "find a mug.",
      action: "go to cabinet 1",
      actionKind: "game",
      formatError: null,
    });
    expect(parseAlfworldStep("ACTION: open drawer 2")).toMatchObject({ thought: null, action: "open drawer 2", formatError: null });
  });
  it("does not take a lower-case 'action:' inside a thought as the label", () => {
    expect(parseAlfworldStep("THOUGHT: my next action: look around.\n ACTION: look")).toMatchObject({ action: "look", formatError: null });
  });
  it("accepts think: steps as thought-only", () => {
    expect(parseAlfworldStep("think: First I need to find the key.")).toEqual({
      thought: "First I need to find the key.",
      action: null,
      actionKind: "think",
      formatError: null,
    });
  });
  it("flags missing and malformed actions", () => {
    expect(parseAlfworldStep("THOUGHT: I should go to the fridge.").formatError).toBe("alfworld `THOUGHT:` step has no `ACTION:`");
    expect(parseAlfworldStep("go to fridge 1").formatError).toBe("alfworld step has no `ACTION:` line");
    expect(parseAlfworldStep("ACTION:").formatError).toBe("alfworld `ACTION:` is empty");
    expect(parseAlfworldStep("I will go. ACTION: go to fridge 1").formatError).toBe("alfworld text before `ACTION:` must start with `THOUGHT:`");
    expect(parseAlfworldStep("ACTION: go to fridge 1\nACTION: open fridge 1").formatError).toBe("alfworld step has more than one `ACTION:`");
  });
});

describe("webshop steps", () => {
  it("parses search and click", () => {
    expect(parseWebshopStep("Thought:\nI think I should search.\n\nAction:\nsearch[red mug]")).toEqual({
      thought: "I think I should search.",
      action: "search[red mug]",
      actionKind: "search",
      formatError: null,
    });
    expect(parseWebshopStep("Thought: buy it\nAction: click[Buy Now]")).toMatchObject({ action: "click[Buy Now]", actionKind: "click" });
  });
  it("flags missing or unknown actions", () => {
    expect(parseWebshopStep("Thought:\nI will buy it.").formatError).toBe("webshop step has no `Action:` line");
    expect(parseWebshopStep("Thought:\nx\n\nAction:\nbuy[B0AAAA1111]").formatError).toBe(
      "webshop action must be search[...] or click[...], got `buy[B0AAAA1111]`",
    );
  });
});

describe("kg steps", () => {
  it("parses tool calls and the final answer", () => {
    expect(parseKgStep("Thought: relations first.\nAction: get_relations(Barack Obama)")).toEqual({
      thought: "relations first.",
      action: "get_relations(Barack Obama)",
      actionKind: "tool",
      formatError: null,
    });
    expect(parseKgStep("Thought: done.\nFinal Answer: #3")).toMatchObject({ action: "#3", actionKind: "answer", formatError: null });
    expect(parseKgStep("Thought: x\nAction: argmin(#1, length)").formatError).toBeNull();
  });
  it("flags unknown tools, bad final answers and steps with neither", () => {
    expect(parseKgStep("Thought: x\nAction: search(Obama)").formatError).toMatch(/^kg Action must call get_relations/);
    expect(parseKgStep("Thought: x\nFinal Answer: Honolulu").formatError).toBe("kg Final Answer must be a variable like #3, got `Honolulu`");
    expect(parseKgStep("Thought: the answer is Honolulu.").formatError).toBe("kg step has neither `Action: tool(...)` nor `Final Answer: #n`");
  });
});

describe("mind2web steps", () => {
  it("parses CLICK, TYPE with value and None of the above", () => {
    expect(parseMind2webStep("Thought: the search box comes first.\nAnswer: C.\nAction: TYPE\nValue: Lisbon")).toEqual({
      thought: "the search box comes first.",
      action: "C. TYPE: Lisbon",
      actionKind: "element",
      formatError: null,
    });
    expect(parseMind2webStep("Thought: open flights.\nAnswer: B.\nAction: CLICK")).toMatchObject({ action: "B. CLICK", formatError: null });
    expect(parseMind2webStep("Thought: not on this page.\nAnswer: A.")).toMatchObject({ action: "A.", formatError: null });
  });
  it("flags SET, a missing value and a missing answer", () => {
    expect(parseMind2webStep("Thought: set it.\nAnswer: D.\nAction: SET\nValue: 2").formatError).toBe(
      "mind2web Action must be CLICK, SELECT or TYPE, got SET",
    );
    expect(parseMind2webStep("Thought: x\nAnswer: C.\nAction: TYPE").formatError).toBe("mind2web TYPE needs a `Value:` line");
    expect(parseMind2webStep("Thought: click the button").formatError).toBe("mind2web step has no `Answer:` line");
    expect(parseMind2webStep("Answer: the button\nAction: CLICK").formatError).toMatch(/choice letter/);
  });
});

describe("hotpotqa steps", () => {
  it("parses plain and numbered ReAct steps", () => {
    expect(parseReactStep("Thought: search it.\nAction: search[Eiffel Tower]")).toEqual({
      thought: "search it.",
      action: "search[Eiffel Tower]",
      actionKind: "search",
      formatError: null,
    });
    expect(parseReactStep("Thought 3: found it.\nAction 3: Finish[Paris]")).toMatchObject({ thought: "found it.", actionKind: "finish" });
    expect(parseReactStep("Thought: more.\nAction: lookup[height]")).toMatchObject({ actionKind: "lookup" });
  });
  it("flags a missing action, an unknown tool and a hallucinated observation", () => {
    expect(parseReactStep("Thought: I know it is Paris.").formatError).toBe("hotpotqa step has no `Action:` line");
    expect(parseReactStep("Thought: x\nAction: answer[Paris]").formatError).toMatch(/^hotpotqa action must be search/);
    expect(parseReactStep("Thought: x\nAction: search[Paris]\nObservation: Paris is ...").formatError).toBe(
      "hotpotqa step writes its own `Observation:` after the action",
    );
  });
});

describe("tasks that share the ReAct grammar", () => {
  it("name their own task in format errors, not hotpotqa", () => {
    const turns = [
      { role: "user" as const, text: "Question: Can a penguin fly?", loss: null },
      { role: "assistant" as const, text: "Thought: Penguins cannot fly.\nAction: answer[no]", loss: null },
    ];
    const parsed = parseTrajectory("strategyqa", turns);
    expect(parsed.turns[1]!.formatError).toMatch(/^strategyqa action must be search\[\.\.\.\], lookup\[\.\.\.\] or finish\[\.\.\.\]/);
    expect(parseAssistantStep("bamboogle", "Thought: I know it.").formatError).toBe("bamboogle step has no `Action:` line");
    expect(parseAssistantStep("StrategyQA-dev", "Thought: x\nAction: answer[no]").formatError).toMatch(/^strategyqa action/);
    expect(parseAssistantStep("hotpot_qa", "Thought: x\nAction: answer[no]").formatError).toMatch(/^hotpotqa action/);
    expect(parseAssistantStep("strategyqa", "Thought: x\nAction: finish[no]")).toMatchObject({ actionKind: "finish", formatError: null });
    expect(canonicalTask("strategyqa")).toBe("hotpotqa");
  });
});

describe("generic steps", () => {
  it("splits on Action:/Act:/ACTION: and never errors", () => {
    expect(parseGenericStep("Thought: look around.\nAction: navigate[kitchen]")).toEqual({
      thought: "look around.",
      action: "navigate[kitchen]",
      actionKind: "navigate",
      formatError: null,
    });
    expect(parseGenericStep("Think: ok\nAct: do the thing")).toMatchObject({ thought: "ok", action: "do the thing", actionKind: "action" });
    expect(parseGenericStep("Hello! How can I help you today?")).toEqual({ thought: null, action: null, actionKind: null, formatError: null });
  });
});

describe("task registry", () => {
  it("lists the known tasks and maps spellings", () => {
    expect(knownTasks()).toEqual(["os", "db", "alfworld", "webshop", "kg", "mind2web", "hotpotqa"]);
    expect(canonicalTask("OS")).toBe("os");
    expect(canonicalTask("dbbench-std")).toBe("db");
    expect(canonicalTask("m2w-dev")).toBe("mind2web");
    expect(canonicalTask("fireact")).toBe("hotpotqa");
    expect(canonicalTask("sciworld")).toBeNull();
    expect(grammarFor("sciworld").name).toBe("generic");
  });
});
