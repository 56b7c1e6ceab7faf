import { describe, expect, it } from "vitest";
import type { TRawTurn } from "@/lib/steps/types";
import * as steps from "@/lib/steps/__fixtures__/conversations";
import { toExportRecord } from "./to-export-record";
import { actionOf, asksForThoughts, asst, sourceFrom, thoughtOf, user } from "./__fixtures__/source";
import * as prompts from "./__fixtures__/prompts";

const NONE = { thoughts: "none", lossMask: "asImported" } as const;

type TCase = { name: string; task: string; turns: () => TRawTurn[]; keep?: string[]; generic?: boolean };

/** Our own prompt shapes (one per task, plus a ReAct prompt for a task with no rules), then lib/steps' fixtures. */
const CASES: TCase[] = [
  { name: "os", task: "os", turns: prompts.osTurns, keep: ["If you think some bash code should run", "exactly one of the three actions"] },
  { name: "db", task: "db", turns: prompts.dbTurns, keep: ["Only answer when you think you are sure", "In each round you can either operate or answer."] },
  { name: "alfworld", task: "alfworld", turns: prompts.alfworldTurns, keep: ["You should output the action directly.", "\nACTION: go to countertop 1\n"] },
  { name: "webshop", task: "webshop", turns: prompts.webshopTurns, keep: ["Answer in the following format:\n\nAction:\nclick[something]"] },
  { name: "kg", task: "kg", turns: prompts.kgTurns, keep: ['In every turn, write one call as "Action: tool(arguments)".', "the variable you think is the answer"] },
  { name: "mind2web", task: "mind2web", turns: prompts.mind2webTurns, keep: ["Reply in this format:\nAnswer: <the letter of your choice>."] },
  { name: "generic (unknown task, ReAct prompt)", task: "trivia-qa", turns: prompts.genericTurns, keep: ["If you think the entity is ambiguous", "interleaving Action, Observation steps. Action can be two types:"], generic: true },
  { name: "os, lib/steps shape", task: "os", turns: steps.osConversation, keep: ["Each turn, take exactly one action."] },
  { name: "db, lib/steps shape", task: "db", turns: steps.dbConversation, keep: ["Each round either operate or answer."] },
  { name: "alfworld, lib/steps shape", task: "alfworld", turns: steps.alfworldConversation, keep: ['Write:"ACTION: your next action\\n".'] },
  { name: "webshop, lib/steps shape", task: "webshop", turns: steps.webshopConversation },
  { name: "kg, lib/steps shape", task: "kg", turns: steps.kgConversation, keep: ["Each step write `Action:`."] },
  { name: "mind2web, lib/steps shape", task: "mind2web", turns: () => steps.mind2webConversation("Thought: The From box comes first.\nAnswer: C.\nAction: TYPE\nValue: Lisbon") },
  { name: "hotpotqa (FireAct rows)", task: "hotpotqa", turns: steps.hotpotqaConversation, generic: true },
];

describe("without-CoT variant, per task shape", () => {
  it.each(CASES)("$name: the prompt stops asking for thoughts, every thought goes, actions stay byte for byte", ({ task, turns, keep = [], generic = false }) => {
    const source = sourceFrom(task, turns());
    const record = toExportRecord(source, NONE, 1);
    expect(record.turns).toHaveLength(source.turns.length);
    expect(record.genericCotRule).toBe(generic);

    let thoughtsRemoved = 0;
    let promptText = "";
    source.turns.forEach((turn, i) => {
      const out = record.turns[i]!.text;
      if (turn.role === "assistant") {
        const action = actionOf(task, turn.rawText);
        if (turn.thought !== null && action === null) {
          expect(out, "an acknowledgement stays as written").toBe(turn.rawText);
          return;
        }
        expect(thoughtOf(task, out), out).toBeNull();
        expect(actionOf(task, out)).toBe(action);
        expect(turn.rawText.endsWith(out), `action part kept byte for byte:\n${out}`).toBe(true);
        if (turn.thought !== null) thoughtsRemoved += 1;
      } else if (turn.isPrefix || turn.role === "system") {
        expect(asksForThoughts(out), out).toBeNull();
        promptText += `${out}\n`;
      } else {
        expect(out, "task turn and observations are not edited").toBe(turn.rawText);
      }
    });
    expect(thoughtsRemoved).toBeGreaterThan(0);
    for (const phrase of keep) expect(promptText).toContain(phrase);
  });

  it("removes the worked example's thoughts (prefix assistant turns) as well as the trained steps'", () => {
    const source = sourceFrom("kg", prompts.kgTurns());
    const record = toExportRecord(source, NONE, 1);
    const example = record.turns.slice(3, 18).filter((t) => t.role === "assistant");
    expect(example).toHaveLength(8);
    expect(example[0]!.text).toBe("Action: get_relations(Freedonia)");
    expect(example.at(-1)!.text).toBe("Final Answer: #1");
    expect(record.turns[1]!.text).toBe("I've understood your instruction, start please.");
  });

  it("never edits a worked example's observations, even when they look like a thought", () => {
    const turns = prompts.osTurns();
    turns[4] = user("The output of the OS:\nThink: this line is a file's content\n3");
    const record = toExportRecord(sourceFrom("os", turns), NONE, 1);
    expect(record.turns[4]!.text).toBe(turns[4]!.text);
    expect(record.turns[3]!.text).toBe("Act: bash\n\n```bash\ngrep -c ':/bin/bash$' /etc/passwd\n```");
  });

  it("writes each task's action part exactly as the step had it", () => {
    const strip = (task: string, text: string) => toExportRecord(sourceFrom(task, [user("Do it."), asst(text)]), NONE, 1).turns[1]!.text;
    expect(strip("os", "Think: list it.\n\nAct: bash\n\n```bash\nls -la /tmp\n```")).toBe("Act: bash\n\n```bash\nls -la /tmp\n```");
    expect(strip("alfworld", "THOUGHT: the desk.\n ACTION: go to desk 1")).toBe("ACTION: go to desk 1");
    expect(strip("webshop", "Thought:\nI think so.\n\nAction:\nclick[Buy Now]")).toBe("Action:\nclick[Buy Now]");
    expect(strip("kg", "Thought: relations first.\nAction: get_relations(Acme)")).toBe("Action: get_relations(Acme)");
    expect(strip("mind2web", "Thought: the button.\nAnswer: B.\nAction: CLICK")).toBe("Answer: B.\nAction: CLICK");
    expect(strip("mind2web", "Answer: D.\nThought: typed\nover two lines.\nAction: TYPE\nValue: boots")).toBe("Answer: D.\nAction: TYPE\nValue: boots");
    expect(strip("db", "Sum the column.\nAction: Operation\n```sql\nSELECT SUM(x) FROM t;\n```")).toBe("Action: Operation\n```sql\nSELECT SUM(x) FROM t;\n```");
    expect(strip("db", "So it is 4.\nAction: Answer\nFinal Answer: [\"4\"]")).toBe("Action: Answer\nFinal Answer: [\"4\"]");
    expect(strip("trivia-qa", "Thought 2: next.\nAction 2: lookup[x]")).toBe("Action 2: lookup[x]");
  });

  it("drops a step that is only a thought with the observation answering it, and still ends on an assistant turn", () => {
    const turns = [
      user(prompts.ALFWORLD_PROMPT),
      asst("OK", false),
      user("Here is your task. You see a desk 1.\nYour task is to: examine the desk."),
      asst("think: First I should go to the desk."),
      user("OK."),
      asst("ACTION: go to desk 1"),
      user("On the desk 1, you see a lamp 1."),
      asst("THOUGHT: I am not sure what to do."),
      user("Nothing happens."),
      asst("ACTION: examine desk 1"),
    ];
    const record = toExportRecord(sourceFrom("alfworld", turns), NONE, 1);
    expect(record.turns.slice(2).map((t) => t.text)).toEqual([
      turns[2]!.text,
      "ACTION: go to desk 1",
      "On the desk 1, you see a lamp 1.",
      "ACTION: examine desk 1",
    ]);

    const db = [
      user(prompts.DB_PROMPT),
      asst("Ok.", false),
      user("How many rows?\nThe name of this table is t, and the headers of this table are a."),
      asst("Count them.\nAction: Operation\n```sql\nSELECT COUNT(*) FROM t;\n```"),
      user("[(3,)]"),
      asst("So the answer is 3."),
    ];
    const dbRecord = toExportRecord(sourceFrom("db", db), NONE, 1);
    expect(dbRecord.turns.map((t) => t.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(dbRecord.turns.at(-1)!.text).toBe("Action: Operation\n```sql\nSELECT COUNT(*) FROM t;\n```");
  });

  it("flags the generic rule only for agent data of tasks without rules, in the none variant", () => {
    const hotpot = sourceFrom("hotpotqa", steps.hotpotqaConversation());
    expect(toExportRecord(hotpot, NONE, 1).genericCotRule).toBe(true);
    expect(toExportRecord(hotpot, { thoughts: "original", lossMask: "asImported" }, 1).genericCotRule).toBe(false);
    expect(toExportRecord(sourceFrom("OS-std", prompts.osTurns()), NONE, 1).genericCotRule).toBe(false);
    const chat = sourceFrom("general", [user("Thought: what is 2+2?"), asst("Thought: easy. It is 4.")], { kind: "general" });
    const out = toExportRecord(chat, NONE, 1);
    expect(out.genericCotRule).toBe(false);
    expect(out.turns.map((t) => t.text)).toEqual(["Thought: what is 2+2?", "Thought: easy. It is 4."]);
  });
});
