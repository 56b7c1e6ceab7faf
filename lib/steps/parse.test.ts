import { describe, expect, it } from "vitest";
import type { TRawTurn } from "./types";
import {
  ALFWORLD_PROMPT,
  ALFWORLD_TASK,
  DB_TASK,
  KG_TASK,
  OS_TASK,
  WEBSHOP_TASK,
  alfworldConversation,
  asst,
  dbConversation,
  hotpotqaConversation,
  kgConversation,
  mind2webConversation,
  osConversation,
  system,
  user,
  webshopConversation,
  withoutLoss,
} from "./__fixtures__/conversations";
import { parseAssistantStep, parseTrajectory } from "./parse";
import { stripControlSequences } from "./control";
import { countWordTokens } from "./tokens";

const roles = (t: ReturnType<typeof parseTrajectory>) => t.turns.map((x) => x.role);

describe("well-formed AgentInstruct conversations", () => {
  const cases: Array<[string, () => TRawTurn[], number, string]> = [
    ["os", osConversation, 6, OS_TASK],
    ["db", dbConversation, 2, DB_TASK],
    ["alfworld", alfworldConversation, 2, ALFWORLD_TASK],
    ["webshop", webshopConversation, 2, WEBSHOP_TASK],
    ["kg", kgConversation, 18, KG_TASK],
    ["hotpotqa", hotpotqaConversation, 0, hotpotqaConversation()[0]!.text],
  ];

  for (const [task, build, taskTurn, instruction] of cases) {
    for (const [label, turns] of [
      ["loss flags", build()],
      ["no loss flags", withoutLoss(build())],
    ] as const) {
      it(`${task} (${label}): task turn ${taskTurn}, no format errors, observations after it`, () => {
        const t = parseTrajectory(task, turns);
        expect(t.taskTurnIndex).toBe(taskTurn);
        expect(t.instruction).toBe(instruction.trim());
        expect(t.formatErrorCount).toBe(0);
        expect(t.turns.filter((x) => x.formatError !== null)).toEqual([]);
        expect(t.loopStartTurn).toBeNull();
        for (const turn of t.turns) {
          expect(turn.isPrefix).toBe(turn.index < taskTurn);
          expect(turn.isTaskTurn).toBe(turn.index === taskTurn);
          if (turns[turn.index]!.role === "user") expect(turn.role).toBe(turn.index > taskTurn ? "observation" : "user");
          if (turn.role === "assistant" && !turn.isPrefix) expect(turn.action).not.toBeNull();
        }
        expect(t.stepCount).toBe(turns.slice(taskTurn + 1).filter((x) => x.role === "assistant").length);
        expect(t.tokenCount).toBe(turns.reduce((n, x) => n + countWordTokens(stripControlSequences(x.text)), 0));
      });
    }
  }

  it("os: splits thought, bash code and the answer; prefix answers are parsed too", () => {
    const t = parseTrajectory("os", osConversation());
    expect(t.turns[1]).toMatchObject({ isPrefix: true, actionKind: "bash", action: "ls /usr/share", formatError: null, loss: false });
    expect(t.turns[7]).toMatchObject({
      role: "assistant",
      thought: "I can use find with -printf to get sizes.",
      actionKind: "bash",
      action: "find /var/log -type f -printf '%s %p\\n' | sort -n | tail -1",
      loss: true,
    });
    expect(t.turns[9]).toMatchObject({ actionKind: "answer", action: "48213" });
    expect(t.stepCount).toBe(2);
  });

  it("os: terminal bytes stay in rawText and do not leak into tokens", () => {
    const turns = osConversation();
    const t = parseTrajectory("os", turns);
    const obs = t.turns[8]!;
    expect(obs.role).toBe("observation");
    expect(obs.rawText).toBe(turns[8]!.text);
    expect(obs.rawText).toContain("\u001b]0;");
    const clean = stripControlSequences(obs.rawText);
    expect(clean).toBe("The output of the OS:\nroot@c0ffee:/# find /var/log\n48213 /var/log/dpkg.log\n");
    expect(t.tokenCount).not.toBe(turns.reduce((n, x) => n + countWordTokens(x.text), 0));
  });

  it("db: sql and final answer", () => {
    const t = parseTrajectory("db", dbConversation());
    expect(t.turns[1]).toMatchObject({ isPrefix: true, action: null, formatError: null });
    expect(t.turns[3]).toMatchObject({ actionKind: "sql", action: "SELECT team FROM season_stats WHERE season = 2019 ORDER BY goals DESC LIMIT 1;" });
    expect(t.turns[5]).toMatchObject({ actionKind: "answer", action: "[\"Riverside FC\"]", thought: "The query returned Riverside FC." });
  });

  it("webshop: HTML and [SEP] observations are only role-assigned", () => {
    const t = parseTrajectory("webshop", webshopConversation());
    expect(t.turns[4]).toMatchObject({ role: "observation", thought: null, action: null, actionKind: null, formatError: null });
    expect(t.turns[4]!.rawText).toContain("<b>Plain Soy Candle</b>");
    expect(t.turns.filter((x) => x.role === "assistant" && !x.isPrefix).map((x) => x.actionKind)).toEqual(["search", "click", "click"]);
  });

  it("kg: 18-turn worked example is prefix, tool calls then the final answer", () => {
    const t = parseTrajectory("kg", kgConversation());
    expect(t.turns.slice(0, 18).every((x) => x.isPrefix)).toBe(true);
    expect(t.turns[17]).toMatchObject({ actionKind: "answer", action: "#2" });
    expect(t.turns.at(-1)).toMatchObject({ actionKind: "answer", action: "#1", isPrefix: false });
    expect(t.stepCount).toBe(5);
  });

  it("mind2web: single step at index 0", () => {
    const t = parseTrajectory("mind2web", mind2webConversation("Thought: the origin field.\nAnswer: C.\nAction: TYPE\nValue: Lisbon"));
    expect(t.taskTurnIndex).toBe(0);
    expect(roles(t)).toEqual(["user", "assistant"]);
    expect(t.turns[1]).toMatchObject({ action: "C. TYPE: Lisbon", actionKind: "element", formatError: null });
    expect(t.instruction).toContain("Task: find a flight from Lisbon to Oslo");
    expect(t.stepCount).toBe(1);
  });

  it("hotpotqa: numbered and capitalised actions", () => {
    const t = parseTrajectory("fireact", hotpotqaConversation());
    expect(t.turns.filter((x) => x.role === "assistant").map((x) => x.action)).toEqual([
      "search[Tower of Zed]",
      "Search[1911 games host city]",
      "finish[Ardenton]",
    ]);
    expect(t.turns.at(-1)!.role).toBe("observation");
  });
});

describe("malformed steps are flagged, not dropped", () => {
  const cases: Array<[string, TRawTurn[], number, string]> = [
    ["os", [...osConversation().slice(0, 7), asst("Think: I will just run it.\n\n```bash\nls\n```")], 7, "os step has no `Act:` line"],
    ["db", [...dbConversation().slice(0, 5), asst("So the answer is Riverside FC.")], 5, "db step ends without `Action: Operation` or `Action: Answer`"],
    ["alfworld", [...alfworldConversation().slice(0, 3), asst("THOUGHT: the apple may be in the fridge.")], 3, "alfworld `THOUGHT:` step has no `ACTION:`"],
    ["webshop", [...webshopConversation().slice(0, 3), asst("Thought:\nI think I should buy.\n\nAction:\nbuy[now]")], 3, "webshop action must be search[...] or click[...], got `buy[now]`"],
    ["kg", [...kgConversation().slice(0, 19), asst("Thought: it is probably SpaceCo.\nFinal Answer: SpaceCo")], 19, "kg Final Answer must be a variable like #3, got `SpaceCo`"],
    ["mind2web", mind2webConversation("Thought: pick the date.\nAnswer: D.\nAction: SET\nValue: 2024-05-01"), 1, "mind2web Action must be CLICK, SELECT or TYPE, got SET"],
    ["hotpotqa", [...hotpotqaConversation().slice(0, 1), asst("Thought: I already know it, Ardenton.")], 1, "hotpotqa step has no `Action:` line"],
  ];
  for (const [task, turns, at, message] of cases) {
    it(`${task}: ${message}`, () => {
      const t = parseTrajectory(task, turns);
      expect(t.turns[at]!.formatError).toBe(message);
      expect(t.turns[at]!.rawText).toBe(turns[at]!.text);
      expect(t.formatErrorCount).toBe(1);
    });
  }

  it("prefix turns never count as format errors", () => {
    // "Ok." acknowledgements match no db pattern, yet are not errors.
    const t = parseTrajectory("db", dbConversation());
    expect(t.turns[1]!.formatError).toBeNull();
    expect(t.formatErrorCount).toBe(0);
  });
});

describe("loops", () => {
  const retry = "Think: The file must be there, let me read it.\n\nAct: bash\n\n```bash\ncat /root/config.yml\n```";
  const again = "Think: Let me try reading it again.\n\nAct: bash\n\n```bash\ncat  /root/config.yml \n```";
  const missing = "The output of the OS:\ncat: /root/config.yml: No such file or directory";

  it("flags 3x the same Act: bash with the same code", () => {
    const turns = [
      ...osConversation().slice(0, 7),
      asst("Think: first look around.\n\nAct: bash\n\n```bash\nls /root\n```"),
      user("The output of the OS:\n"),
      asst(retry),
      user(missing),
      asst(again),
      user(missing),
      asst(retry),
      user(missing),
      asst("Think: I give up.\n\nAct: answer(unknown)"),
    ];
    const t = parseTrajectory("os", turns);
    expect(t.loopStartTurn).toBe(9);
    expect(t.turns.filter((x) => x.inLoop).map((x) => x.index)).toEqual([9, 11, 13]);
    expect(t.turns[7]!.inLoop).toBe(false);
    expect(t.turns[15]!.inLoop).toBe(false);
  });

  it("does not flag two repeats, nor repeats interrupted by another action", () => {
    const turns = [...osConversation().slice(0, 7), asst(retry), user(missing), asst(retry), user(missing), asst("Think: x\n\nAct: bash\n\n```bash\nls\n```"), user("a"), asst(retry)];
    expect(parseTrajectory("os", turns).loopStartTurn).toBeNull();
  });

  it("flags a repeated game action and repeated malformed output", () => {
    const game = [...alfworldConversation().slice(0, 3), asst("ACTION: open fridge 1"), user("Nothing happened."), asst("ACTION: open fridge 1"), user("Nothing happened."), asst("ACTION:  open fridge 1")];
    expect(parseTrajectory("alfworld", game).loopStartTurn).toBe(3);
    const bad = [...dbConversation().slice(0, 3), asst("I am not sure."), user("?"), asst("I am not sure."), user("?"), asst("I am not sure.")];
    const t = parseTrajectory("db", bad);
    expect(t.loopStartTurn).toBe(3);
    expect(t.formatErrorCount).toBe(3);
  });

  it("does not treat webshop paging as a loop", () => {
    const next = "Thought:\nNothing fits yet, next page.\n\nAction:\nclick[Next >]";
    const turns = [...webshopConversation().slice(0, 5), asst(next), user("page 2"), asst(next), user("page 3"), asst(next)];
    expect(parseTrajectory("webshop", turns).loopStartTurn).toBeNull();
  });

  it("ignores repeats inside the prefix", () => {
    const turns = [user("prompt"), asst("Ok.", false), user("q"), asst("Ok.", false), user("q"), asst("Ok.", false), user(DB_TASK), asst("x\nAction: Answer\nFinal Answer: [\"1\"]")];
    const t = parseTrajectory("db", turns);
    expect(t.taskTurnIndex).toBe(6);
    expect(t.loopStartTurn).toBeNull();
  });
});

describe("other sources and edge cases", () => {
  it("unknown task: generic split, no format errors", () => {
    const turns = [
      user("You are in a lab. Your task is to boil water."),
      asst("Thought: I need a pot.\nAction: pick up pot"),
      user("You pick up the pot."),
      asst("I am not following any format here."),
    ];
    const t = parseTrajectory("sciworld", turns);
    expect(t.taskTurnIndex).toBe(0);
    expect(t.turns[1]).toMatchObject({ thought: "I need a pot.", action: "pick up pot", actionKind: "action", formatError: null });
    expect(t.turns[3]).toMatchObject({ thought: null, action: null, formatError: null });
    expect(t.formatErrorCount).toBe(0);
    expect(roles(t)).toEqual(["user", "assistant", "observation", "assistant"]);
  });

  it("empty conversation", () => {
    expect(parseTrajectory("os", [])).toEqual({
      turns: [],
      instruction: "",
      taskTurnIndex: null,
      stepCount: 0,
      formatErrorCount: 0,
      loopStartTurn: null,
      tokenCount: 0,
    });
  });

  it("conversation starting with an assistant turn (no task turn stored)", () => {
    const turns = withoutLoss([
      asst("Thought: I should search for the director.\nAction: search[The Quiet Harbor film]"),
      user("Observation: The Quiet Harbor is a 1998 film directed by Ines Varga."),
      asst("Thought: Done.\nAction: finish[Ines Varga]"),
    ]);
    const t = parseTrajectory("hotpotqa", turns);
    expect(t.taskTurnIndex).toBeNull();
    expect(t.instruction).toBe("");
    expect(roles(t)).toEqual(["assistant", "observation", "assistant"]);
    expect(t.turns.some((x) => x.isPrefix)).toBe(false);
    expect(t.stepCount).toBe(2);
    expect(t.formatErrorCount).toBe(0);
  });

  it("NAT-style: first turn is a trained assistant turn", () => {
    const turns = [asst("Thought: search.\nAction: search[x]", true), user("Observation: y"), asst("Thought: ok\nAction: finish[y]", true)];
    expect(parseTrajectory("hotpotqa", turns).taskTurnIndex).toBeNull();
  });

  it("loss flags decide the task turn even when the known index does not fit", () => {
    // A shortened os prefix (one example exchange instead of two): index 6 is an observation.
    const turns = [
      user("Linux assistant prompt ..."),
      asst("Think: example.\n\nAct: bash\n\n```bash\nls\n```", false),
      user("The output of the OS:\nfoo"),
      asst("Think: example answer.\n\nAct: answer(foo)", false),
      user("My problem is: count the users in /etc/passwd."),
      asst("Think: count lines.\n\nAct: bash\n\n```bash\nwc -l < /etc/passwd\n```", true),
      user("The output of the OS:\n31"),
      asst("Think: 31.\n\nAct: answer(31)", true),
    ];
    const t = parseTrajectory("os", turns);
    expect(t.taskTurnIndex).toBe(4);
    expect(t.instruction).toBe("My problem is: count the users in /etc/passwd.");
    expect(t.stepCount).toBe(2);
    expect(roles(t)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant", "observation", "assistant"]);
  });

  it("without loss flags and a non-fitting known index, the first user turn is the task turn", () => {
    const turns = withoutLoss([user("Which team won? The name of this table is t, and the headers of this table are a, b."), asst("x\nAction: Operation\n```sql\nSELECT a FROM t;\n```"), user("[('A',)]"), asst("x\nAction: Answer\nFinal Answer: [\"A\"]")]);
    const t = parseTrajectory("db", turns);
    expect(t.taskTurnIndex).toBe(0);
    expect(t.formatErrorCount).toBe(0);
  });

  it("an os conversation without the fixed prefix does not take index 6 for the task turn", () => {
    const turns: TRawTurn[] = [user("How many users have a login shell? Use /etc/passwd.")];
    for (let i = 0; i < 4; i++) turns.push(asst(`Think: step ${i}.\n\nAct: bash\n\n\`\`\`bash\ncut -d: -f7 /etc/passwd | sort | uniq -c # ${i}\n\`\`\``), user(`The output of the OS:\n${i}`));
    turns.push(asst("Think: done.\n\nAct: answer(3)"));
    const t = parseTrajectory("os", withoutLoss(turns));
    expect(t.taskTurnIndex).toBe(0);
    expect(t.stepCount).toBe(5);
  });

  it("a paraphrased prompt is still a prefix when an acknowledgement follows it", () => {
    const turns = withoutLoss([user("Help me with a database, one SQL statement per turn."), asst("Ok."), user(DB_TASK), asst("x\nAction: Answer\nFinal Answer: [\"1\"]")]);
    expect(parseTrajectory("db", turns).taskTurnIndex).toBe(2);
  });

  it("leading system turns shift the known index", () => {
    const turns = [system("You are a helpful agent."), ...withoutLoss(dbConversation())];
    const t = parseTrajectory("db", turns);
    expect(t.taskTurnIndex).toBe(3);
    expect(t.turns[0]!.role).toBe("system");
  });

  it("AgentBench alfworld history with a worked example: the task hint finds the real task turn", () => {
    const turns = withoutLoss([
      user(ALFWORLD_PROMPT),
      asst("OK. I'll follow your instructions and try my best to solve the task."),
      user("Here is one example.\nYou are in the middle of a room. ... Your task is to: put some spraybottle on toilet."),
      asst("THOUGHT: find the spraybottle.\n ACTION: go to cabinet 1"),
      user("On the cabinet 1, you see a spraybottle 2."),
      asst("ACTION: take spraybottle 2 from cabinet 1"),
      user(ALFWORLD_TASK + " AVAILABLE ACTIONS: go to countertop 1\ngo to fridge 1"),
      asst("ACTION: go to countertop 1"),
      user("On the countertop 1, you see a apple 2."),
      asst("ACTION: take apple 2 from countertop 1"),
    ]);
    const t = parseTrajectory("alfworld-std", turns);
    expect(t.taskTurnIndex).toBe(6);
    expect(t.stepCount).toBe(2);
    expect(t.turns[3]!.isPrefix).toBe(true);
  });

  it("parseAssistantStep re-parses one edited step", () => {
    expect(parseAssistantStep("webshop", "Thought:\nrewritten.\n\nAction:\nclick[Buy Now]")).toEqual({
      thought: "rewritten.",
      action: "click[Buy Now]",
      actionKind: "click",
      formatError: null,
    });
  });
});

describe("speed", () => {
  it("parses many trajectories with 100 KB observations quickly", () => {
    const big = `The output of the OS:\r\n${"\u001b[01;34mdir\u001b[0m  file.txt  [SEP] <div>x</div>\r\n".repeat(2_000)}`;
    expect(big.length).toBeGreaterThan(90_000);
    const turns = [...osConversation().slice(0, 7)];
    for (let i = 0; i < 10; i++) turns.push(asst(`Think: step ${i}.\n\nAct: bash\n\n\`\`\`bash\nls /d${i}\n\`\`\``), user(big));
    const t0 = performance.now();
    for (let n = 0; n < 20; n++) parseTrajectory("os", turns);
    const perTrajectoryMs = (performance.now() - t0) / 20;
    // 1 MB of observations per trajectory; generous bound to stay stable on slow CI.
    expect(perTrajectoryMs).toBeLessThan(100);
  });
});
