import { describe, expect, it } from "vitest";
import type { TSourceTrajectory } from "../record";
import { isTrained } from "./loss-mask";
import { toExportRecord } from "./to-export-record";
import { asst, sourceFrom, system, user } from "./__fixtures__/source";

/** System prompt, prompt + scripted "Ok.", task turn, three steps (the middle one critical) with observations. */
function handMade(kind: TSourceTrajectory["kind"] = "agent"): TSourceTrajectory {
  const source = sourceFrom(
    "os",
    [
      system("You are a careful assistant."),
      user("Use Think: / Act: bash, Act: answer(...) or Act: finish."),
      asst("Ok.", false),
      user("Now, I will start a new problem in a new OS. My problem is:\n\nHow big is /tmp?"),
      asst("Think: du.\n\nAct: bash\n\n```bash\ndu -sh /tmp\n```", true),
      user("The output of the OS:\n4.0K\t/tmp"),
      asst("Think: again, in bytes.\n\nAct: bash\n\n```bash\ndu -sb /tmp\n```", null),
      user("The output of the OS:\n4096\t/tmp"),
      asst("Think: 4096 bytes.\n\nAct: answer(4096)", true),
    ],
    { kind },
  );
  source.turns[6] = { ...source.turns[6]!, isCritical: true };
  return source;
}

const lossOf = (source: TSourceTrajectory, lossMask: "asImported" | "allAssistant" | "critical") =>
  toExportRecord(source, { thoughts: "original", lossMask }, 1).turns.map((t) => t.loss);

describe("loss masks", () => {
  it("asImported keeps each turn's flag, null included", () => {
    expect(lossOf(handMade(), "asImported")).toEqual([null, null, false, null, true, null, null, null, true]);
  });

  it("allAssistant trains on every non-prefix assistant turn and nothing else", () => {
    expect(lossOf(handMade(), "allAssistant")).toEqual([false, false, false, false, true, false, true, false, true]);
  });

  it("critical trains on the critical steps only", () => {
    expect(lossOf(handMade(), "critical")).toEqual([false, false, false, false, false, false, true, false, false]);
  });

  it("critical on general (chat) data falls back to every assistant reply", () => {
    expect(lossOf(handMade("general"), "critical")).toEqual(lossOf(handMade("general"), "allAssistant"));
  });

  it("keeps the masks when thoughts are removed", () => {
    const record = toExportRecord(handMade(), { thoughts: "none", lossMask: "critical" }, 1);
    expect(record.turns.map((t) => t.loss)).toEqual([false, false, false, false, false, false, true, false, false]);
    expect(record.turns[6]!.text).toBe("Act: bash\n\n```bash\ndu -sb /tmp\n```");
  });

  it("a turn without a flag is trained by the trainers' default: every assistant reply, prefix or not", () => {
    const source = handMade();
    const trained = source.turns.map((turn) => isTrained(turn, "asImported", source.kind));
    expect(trained).toEqual([false, false, false, false, true, false, true, false, true]);
    expect(source.turns.map((turn) => isTrained({ ...turn, loss: null }, "asImported", "agent"))).toEqual([false, false, true, false, true, false, true, false, true]);
  });
});
