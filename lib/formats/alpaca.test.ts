import { describe, expect, it } from "vitest";
import { detectFormat, openTrajectories } from "./detect";
import { collect, tmpDir, writeJsonl, writeText } from "./fixtures/files";

/** FireAct's alpaca release: the question in `instruction`, the whole ReAct run in `output`. */
const alpacaRow = (question: string, steps: string) => ({ instruction: `Question: ${question}`, input: "", output: steps });

const riverRun =
  "Thought: I need to search the Nile and the Amazon and compare their lengths.\nAction: search[Nile]\n" +
  "Observation: The Nile is a major north-flowing river.\nIt is 6,650 km long.\n" +
  "Thought: Now the Amazon.\nAction: search[Amazon]\n" +
  "Observation: The Amazon is 6,400 km long.\n" +
  "Thought: The Nile is longer.\nAction: finish[Nile]";

const penguinRun = "Thought: Penguins are birds that cannot fly.\nAction: finish[no]";

describe("alpaca (FireAct's alpaca release)", () => {
  const dir = tmpDir();

  it("is detected from content and splits the ReAct run in `output` into steps and observations, losslessly", async () => {
    const file = writeJsonl(dir, "fireact_hotpotqa.jsonl", [alpacaRow("Which river is longer, the Nile or the Amazon?", riverRun)]);
    const opened = await openTrajectories(file);
    expect(opened).toMatchObject({ format: "alpaca", container: "jsonl" });
    const { trajectories, errors } = await collect(opened.items);
    expect(errors).toEqual([]);
    const [t] = trajectories;
    expect(t!.turns.map((x) => x.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(t!.turns[0]!.text).toBe("Question: Which river is longer, the Nile or the Amazon?");
    expect(t!.turns[2]!.text).toBe("Observation: The Nile is a major north-flowing river.\nIt is 6,650 km long.");
    expect(t!.turns.slice(1).map((x) => x.text).join("\n")).toBe(riverRun);
    expect(t!.turns.every((x) => x.loss === null)).toBe(true);
  });

  it("reads a JSON array and keeps a non-empty `input` after the instruction", async () => {
    const row = { instruction: "Answer the question with ReAct steps.", input: "Question: Can a penguin fly?", output: penguinRun };
    const file = writeText(dir, "strategyqa_train.json", JSON.stringify([row], null, 2));
    expect(await detectFormat(file)).toEqual({ format: "alpaca", container: "json-array" });
    const { trajectories } = await collect((await openTrajectories(file)).items);
    expect(trajectories[0]!.turns.map((x) => [x.role, x.text])).toEqual([
      ["user", "Answer the question with ReAct steps.\n\nQuestion: Can a penguin fly?"],
      ["assistant", penguinRun],
    ]);
    expect(trajectories[0]!.metadata).toEqual({ input: row.input });
  });

  it("is selectable with --format and names a missing field", async () => {
    const file = writeJsonl(dir, "rows.jsonl", [alpacaRow("Can a penguin fly?", penguinRun), { instruction: "Question: x?", input: "" }]);
    const { trajectories, errors } = await collect((await openTrajectories(file, { format: "alpaca" })).items);
    expect(trajectories).toHaveLength(1);
    expect(errors).toEqual([{ line: 2, record: 2, message: 'field "output" must be a string' }]);
  });
});
