import { describe, expect, it } from "vitest";
import { outcomeMetadata, outcomeOf } from "./outcome";

describe("outcomeOf", () => {
  it("reads SWE-Gym's resolved as a 1/0 reward and keeps the field name", () => {
    const o = outcomeOf({ resolved: false, instance_id: "astropy__astropy-12907", run_id: "r7", model: "gpt-4o" });
    expect(o).toMatchObject({ reward: 0, success: false, rewardField: "resolved", externalId: "astropy__astropy-12907", runId: "r7", sourceModel: "gpt-4o" });
    expect(outcomeMetadata(o)).toEqual({ rewardField: "resolved", runId: "r7" });
    expect(o.consumed.sort()).toEqual(["instance_id", "model", "resolved", "run_id"]);
  });

  it("reads Nebius' target and model_name", () => {
    expect(outcomeOf({ target: true, model_name: "swe-agent-llama-70b" })).toMatchObject({
      reward: 1, success: true, rewardField: "target", sourceModel: "swe-agent-llama-70b",
    });
  });

  it("takes reward before success and score, and a separate success flag as the success", () => {
    expect(outcomeOf({ reward: 0.5, success: 1, score: 3 })).toMatchObject({ reward: 0.5, success: true, rewardField: "reward" });
    expect(outcomeOf({ score: 0.25 })).toMatchObject({ reward: 0.25, success: null, rewardField: "score" });
    expect(outcomeOf({ score: 1 })).toMatchObject({ reward: 1, success: true });
    expect(outcomeOf({ success: true })).toMatchObject({ reward: 1, success: true, rewardField: "success" });
  });

  it("has no reward when the record states none; null values count as absent", () => {
    const o = outcomeOf({ resolved: null, messages: [] });
    expect(o).toMatchObject({ reward: null, success: null, rewardField: null, externalId: null, runId: null });
    expect(outcomeMetadata(o)).toEqual({});
  });

  it("names the field of a reward or id of the wrong type", () => {
    expect(() => outcomeOf({ resolved: "yes" })).toThrow("resolved must be a number or a boolean");
    expect(() => outcomeOf({ instance_id: { a: 1 } })).toThrow('field "instance_id" must be a string');
  });
});
