import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { collect, tmpDir, writeJsonl } from "./fixtures/files";
import { parseRewardText, rewardFromText } from "./reward-text";
import type { TNormalizedTrajectory } from "./types";

describe("parseRewardText", () => {
  it.each([
    ["Observation: Episode finished, reward = True", { reward: 1, success: true }],
    ["Episode finished, reward = False", { reward: 0, success: false }],
    ["Episode finished, reward = 1", { reward: 1, success: true }],
    ["Episode finished, reward = 0", { reward: 0, success: false }],
    ["Episode finished, reward = 0.5", { reward: 0.5, success: null }],
    ["Episode finished, reward = 0\nEpisode finished, reward = 1.0", { reward: 1, success: true }],
    ["Observation: nothing yet", null],
  ])("%j", (text, expected) => {
    expect(parseRewardText(text)).toEqual(expected);
  });
});

describe("rewardFromText", () => {
  const base: TNormalizedTrajectory = {
    line: 1,
    record: 1,
    externalId: null,
    task: null,
    sourceModel: null,
    origin: null,
    reward: null,
    success: null,
    runStatus: null,
    turns: [],
    metadata: {},
  };
  it("only looks at the last user turn and never overrides a stored reward", () => {
    const turns = [
      { role: "user" as const, text: "Episode finished, reward = True", loss: null },
      { role: "user" as const, text: "Observation: x", loss: null },
      { role: "assistant" as const, text: "Episode finished, reward = True", loss: null },
    ];
    expect(rewardFromText({ ...base, turns }).reward).toBeNull();
    const stored = { ...base, reward: 0.2, turns: [{ role: "user" as const, text: "Episode finished, reward = 1", loss: null }] };
    expect(rewardFromText(stored).reward).toBe(0.2);
  });

  it("applies to FireAct / NAT fine-tune rows in messages and conversations shapes", async () => {
    const rows = [
      {
        id: "hotpotqa_1",
        conversations: [
          { role: "assistant", content: "Thought: t\nAction: finish[x]", loss: true },
          { role: "user", content: "Observation: Episode finished, reward = False", loss: false },
        ],
      },
    ];
    const { trajectories } = await collect((await openTrajectories(writeJsonl(tmpDir(), "nat.jsonl", rows))).items);
    expect(trajectories[0]).toMatchObject({ reward: 0, success: false, task: "hotpotqa" });
  });
});
