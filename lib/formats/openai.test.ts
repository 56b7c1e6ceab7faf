import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { collect, tmpDir, writeJsonl } from "./fixtures/files";
import { openaiRows } from "./fixtures/samples";

describe("openai", () => {
  it("maps messages, weight → loss, and reads the reward from the last observation", async () => {
    const opened = await openTrajectories(writeJsonl(tmpDir(), "ft.jsonl", openaiRows));
    const { trajectories, errors } = await collect(opened.items);
    expect(opened.format).toBe("openai");
    expect(errors).toEqual([]);
    const [first, second] = trajectories;
    expect(first!.turns.map((t) => [t.role, t.loss])).toEqual([
      ["system", false],
      ["user", null],
      ["assistant", true],
      ["user", null],
      ["assistant", true],
      ["user", null],
    ]);
    expect(first!.turns[5]!.text).toBe("Observation: Episode finished, reward = True\r\n");
    expect(first).toMatchObject({ reward: 1, success: true, externalId: null, line: 1 });
    expect(second).toMatchObject({ reward: 0.5, success: null, line: 2 });
  });

  it("rejects a weight other than 0/1 and a non-string content, naming the field", async () => {
    const rows = [
      { messages: [{ role: "assistant", content: "a", weight: 2 }] },
      { messages: [{ role: "user", content: null }] },
      { messages: "hi" },
    ];
    const { errors } = await collect((await openTrajectories(writeJsonl(tmpDir(), "bad.jsonl", rows))).items);
    expect(errors).toEqual([
      { line: 1, record: 1, message: "messages[0].weight must be 0 or 1" },
      { line: 2, record: 2, message: "messages[0].content must be a string" },
      { line: 3, record: 3, message: 'field "messages" must be a list of turns' },
    ]);
  });
});
