import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { splitReactText } from "./fireact";
import { collect, tmpDir, writeText } from "./fixtures/files";
import { fireactListValue, fireactStringValue, fireactText } from "./fixtures/samples";

describe("fireact", () => {
  it("reads a keyed file with list and string trajectories", async () => {
    const { traj_by_line: _lines, traj: _traj, ...stringOnlyByLine } = fireactStringValue;
    const file = writeText(
      tmpDir(),
      "hotpotqa_train.json",
      JSON.stringify(
        { "0": fireactListValue, "5": fireactStringValue, "9": { ...stringOnlyByLine, traj_by_line: _lines }, "12": { reward: true } },
        null,
        2,
      ),
    );
    const opened = await openTrajectories(file);
    const { trajectories, errors } = await collect(opened.items);
    expect(opened).toMatchObject({ format: "fireact", container: "json-object" });
    expect(trajectories.map((t) => [t.record, t.externalId, t.reward, t.success, t.line])).toEqual([
      [1, "0", 0, false, null],
      [2, "5", 1, true, null],
      [3, "9", 1, true, null],
    ]);
    expect(errors).toEqual([{ line: null, record: 4, message: 'field "traj" must be a list of turns or a string' }]);
    const [list, text, byLine] = trajectories;
    expect(list!.turns.map((t) => t.role)).toEqual(["user", "assistant", "user"]);
    expect(list!.metadata).toEqual({ em: 0, f1: 0.2, gt: "A", pred: "" });
    expect(text!.metadata).toEqual({ question: fireactStringValue.question, em: 1, f1: 1, gt: "Nile", pred: "Nile" });
    expect(byLine!.turns).toEqual(text!.turns);
  });
});

describe("splitReactText", () => {
  it("splits prompt, Thought/Action steps and observations, losslessly", () => {
    const turns = splitReactText(fireactText);
    expect(turns.map((t) => t.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant", "user"]);
    // the prompt keeps the instruction, the worked example and the question
    expect(turns[0]!.text).toBe(
      "Solve a question answering task with interleaving Thought, Action, Observation steps.\n" +
        "Question: Example question one?\nThought 1: example.\nAction 1: finish[x]\n" +
        "Question: Which river is longer, the Nile or the Amazon?",
    );
    expect(turns[1]!.text).toBe("Thought 1: I need to search the Nile.\nAction 1: search[Nile]");
    // a multi-line observation stays one turn
    expect(turns[2]!.text).toBe("Observation 1: The Nile is a major north-flowing river.\nIt is 6,650 km long.");
    expect(turns[6]!.text).toBe("Observation 3: Episode finished, reward = True\n");
    expect(turns.map((t) => t.text).join("\n")).toBe(fireactText);
    expect(turns.every((t) => t.loss === null)).toBe(true);
  });

  it("starts a new step at a Thought that follows an Action, and keeps \\r\\n", () => {
    const text = "Question: q?\r\nThought: a\r\nAction: search[x]\r\nThought: b\r\nAction: finish[y]";
    const turns = splitReactText(text);
    expect(turns.map((t) => [t.role, t.text])).toEqual([
      ["user", "Question: q?\r"],
      ["assistant", "Thought: a\r\nAction: search[x]\r"],
      ["assistant", "Thought: b\r\nAction: finish[y]"],
    ]);
    expect(turns.map((t) => t.text).join("\n")).toBe(text);
  });

  it("treats text with no Question line as starting at the first step", () => {
    expect(splitReactText("Thought: a\nAction: b").map((t) => t.role)).toEqual(["assistant"]);
  });
});
