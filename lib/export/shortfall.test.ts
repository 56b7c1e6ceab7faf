import { describe, expect, it } from "vitest";
import { planMix, type TAvailability } from "./plan";
import { DEFAULT_RECIPE, type TRecipe } from "./recipe";
import { planShortfall } from "./shortfall";

const recipe = (over: Partial<TRecipe>): TRecipe => ({ ...DEFAULT_RECIPE, ...over });
const shortfall = (available: TAvailability, over: Partial<TRecipe>) => planShortfall(planMix(available, recipe(over)), recipe(over));
const SIX = ["db", "webshop", "alfworld", "kg", "os", "mind2web"];
const each = (n: number) => Object.fromEntries(SIX.map((task) => [task, n]));

describe("planShortfall", () => {
  it("names the limiting number when the total asked cannot be reached (the 300 that gave 165)", () => {
    const message = shortfall({ agent: { ...each(5), db: 5 }, general: { gpt4: 1000, other: 1000 } }, { size: { mode: "total", total: 300 }, eta: 0.2 });
    expect(message).toBe("You asked for 300 samples; this plan reaches 270, because only 30 accepted agent trajectories are eligible: accept more, include pending or allow repeats.");
  });

  it("blames general data when the agent side is full and the general side is not", () => {
    const message = shortfall({ agent: each(1000), general: { gpt4: 10, other: 20 } }, { size: { mode: "total", total: 1000 } });
    expect(message).toMatch(/^You asked for 1,000 samples; this plan reaches 230, because only 30 general conversations are eligible/);
  });

  it("says when eta is off because general data runs out, and when the GPT-4 share is", () => {
    expect(shortfall({ agent: each(100), general: { gpt4: 100, other: 100 } }, { size: { mode: "allAgent" } })).toMatch(
      /^You asked for eta 0\.2; this plan reaches 0\.750, because only 200 general conversations are eligible/,
    );
    expect(shortfall({ agent: each(100), general: { gpt4: 0, other: 10_000 } }, { size: { mode: "allAgent" } })).toBe(
      "You asked for a GPT-4 share of 0.2; this plan reaches 0.000, because only 0 GPT-4 conversations are eligible for the 480 wanted.",
    );
  });

  it("words the statuses asked and drops a remedy already taken", () => {
    const widened = recipe({ size: { mode: "total", total: 300 } });
    widened.inclusion = { ...widened.inclusion, statuses: ["accepted", "pending"] };
    widened.shares = { ...widened.shares, whenShort: "replace" };
    expect(planShortfall(planMix({ agent: each(2), general: { gpt4: 1000, other: 1000 } }, widened), widened)).toMatch(
      /because only 12 accepted or pending agent trajectories are eligible: accept more\.$/,
    );
  });

  it("is null when the plan gives what was asked", () => {
    expect(shortfall({ agent: each(1000), general: { gpt4: 10_000, other: 10_000 } }, { size: { mode: "total", total: 1000 } })).toBeNull();
  });
});
