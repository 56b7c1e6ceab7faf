import { describe, expect, it } from "vitest";
import { planMix, type TAvailability } from "./plan";
import { DEFAULT_RECIPE, type TRecipe } from "./recipe";

function recipe(over: Partial<TRecipe>): TRecipe {
  return { ...DEFAULT_RECIPE, ...over };
}
const plenty = (tasks: string[]): TAvailability => ({ agent: Object.fromEntries(tasks.map((t) => [t, 100_000])), general: { gpt4: 100_000, other: 100_000 } });
const quota = (plan: ReturnType<typeof planMix>, task: string) => plan.agent.find((row) => row.task === task)?.quota;

describe("planMix", () => {
  it("splits a total by eta, the task shares and the GPT-4 share", () => {
    const plan = planMix(plenty(["db", "os"]), recipe({ size: { mode: "total", total: 400 }, eta: 0.5, shares: { ...DEFAULT_RECIPE.shares, values: { db: 0.75, os: 0.25 } } }));
    expect(quota(plan, "db")).toBe(150);
    expect(quota(plan, "os")).toBe(50);
    expect(plan.general.gpt4.quota).toBe(40);
    expect(plan.general.other.quota).toBe(160);
    expect(plan.total).toBe(400);
    expect(plan.eta.effective).toBe(0.5);
    expect(plan.gpt4Share.effective).toBe(0.2);
  });

  it("hits the released shares and eta 0.2 within one sample of rounding", () => {
    const plan = planMix(plenty(["db", "webshop", "alfworld", "kg", "os", "mind2web"]), recipe({ size: { mode: "total", total: 5003 } }));
    expect(plan.agentTotal).toBe(Math.round(5003 * 0.2));
    for (const row of plan.agent) expect(Math.abs(row.quota - plan.agentTotal * DEFAULT_RECIPE.shares.values[row.task]!)).toBeLessThanOrEqual(1);
    expect(plan.total).toBe(5003);
    expect(Math.abs(plan.general.gpt4.quota - plan.general.total * 0.2)).toBeLessThanOrEqual(0.5);
  });

  it("caps a short task and gives its gap to the others by their shares", () => {
    const plan = planMix({ agent: { db: 10, os: 1000, kg: 1000 }, general: { gpt4: 0, other: 0 } }, recipe({
      eta: 1,
      size: { mode: "total", total: 100 },
      shares: { ...DEFAULT_RECIPE.shares, values: { db: 0.5, os: 0.25, kg: 0.25 } },
    }));
    expect(quota(plan, "db")).toBe(10);
    expect(quota(plan, "os")).toBe(45);
    expect(quota(plan, "kg")).toBe(45);
    expect(plan.agent.find((row) => row.task === "db")!.effectiveShare).toBeCloseTo(0.1);
    expect(plan.notes.join(" ")).toMatch(/db: only 10 eligible/);
  });

  it("samples a short task with replacement up to the repeat limit", () => {
    const plan = planMix({ agent: { db: 10, os: 1000 }, general: { gpt4: 0, other: 0 } }, recipe({
      eta: 1,
      size: { mode: "total", total: 100 },
      shares: { mode: "recipe", values: { db: 0.5, os: 0.5 }, whenShort: "replace", maxRepeats: 3 },
    }));
    const db = plan.agent.find((row) => row.task === "db")!;
    expect(db).toMatchObject({ quota: 30, unique: 10, repeats: 20 });
    expect(quota(plan, "os")).toBe(70);
  });

  it("takes all agent data once and adds general data to reach eta", () => {
    const plan = planMix({ agent: { db: 30, os: 10 }, general: { gpt4: 1000, other: 1000 } }, recipe({}));
    expect(plan.agentTotal).toBe(40);
    expect(plan.general.total).toBe(160);
    expect(plan.general.gpt4.quota).toBe(32);
    expect(plan.eta.effective).toBeCloseTo(0.2);
    expect(quota(plan, "db")).toBe(30);
  });

  it("reports the effective eta when general data runs short", () => {
    const plan = planMix({ agent: { db: 30, os: 10 }, general: { gpt4: 5, other: 15 } }, recipe({}));
    expect(plan.general.total).toBe(20);
    expect(plan.eta.effective).toBeCloseTo(40 / 60);
    expect(plan.notes.some((note) => note.includes("GPT-4"))).toBe(true);
  });

  it("keeps eta when GPT-4 data runs short: other general data fills the gap, and a note gives the effective GPT-4 share", () => {
    // 400 agent samples at eta 0.2 want 1600 general: 320 GPT-4 asked, only 100 eligible; 2067 others eligible.
    const plan = planMix({ agent: { db: 400 }, general: { gpt4: 100, other: 2067 } }, recipe({}));
    expect(plan.general.gpt4.quota).toBe(100);
    expect(plan.general.other.quota).toBe(1500);
    expect(plan.general.total).toBe(1600);
    expect(plan.eta.effective).toBeCloseTo(0.2, 10);
    expect(plan.gpt4Share.effective).toBeCloseTo(100 / 1600, 10);
    expect(plan.notes).toContain("general data: 320 GPT-4 conversations wanted, 100 eligible: 220 more from other general data, so the GPT-4 share is 0.063 (0.2 asked)");
  });

  it("fills from GPT-4 data when the other general data runs short, and is short of eta only when both are", () => {
    const plan = planMix({ agent: { db: 400 }, general: { gpt4: 2000, other: 1000 } }, recipe({ general: { gpt4Share: 0.2 } }));
    expect(plan.general.other.quota).toBe(1000);
    expect(plan.general.gpt4.quota).toBe(600);
    expect(plan.eta.effective).toBeCloseTo(0.2, 10);
    expect(plan.notes.join(" ")).toMatch(/1280 GPT-3.5\/other conversations wanted, 1000 eligible: 280 more from GPT-4 data, so the GPT-4 share is 0.375/);
    const both = planMix({ agent: { db: 400 }, general: { gpt4: 100, other: 200 } }, recipe({}));
    expect(both.general.total).toBe(300);
    expect(both.eta.effective).toBeCloseTo(400 / 700, 10);
  });

  it("uses natural shares on request, and notes recipe tasks without data", () => {
    const natural = planMix({ agent: { db: 300, os: 100 }, general: { gpt4: 0, other: 0 } }, recipe({ eta: 1, size: { mode: "total", total: 40 }, shares: { ...DEFAULT_RECIPE.shares, mode: "natural" } }));
    expect(quota(natural, "db")).toBe(30);
    expect(quota(natural, "os")).toBe(10);
    const released = planMix({ agent: { db: 300, os: 100, webshop: 0 }, general: { gpt4: 0, other: 0 } }, recipe({ eta: 1, size: { mode: "total", total: 40 } }));
    expect(released.notes.join(" ")).toMatch(/webshop: no eligible trajectories/);
  });

  it("breaks ties by code point, not by locale, and notes no shortfall for a rounding remainder", () => {
    const tie = planMix({ agent: { B: 100, a: 100 }, general: { gpt4: 0, other: 0 } }, recipe({ eta: 1, size: { mode: "total", total: 3 }, shares: { ...DEFAULT_RECIPE.shares, mode: "natural" } }));
    // "B" (U+0042) sorts before "a" (U+0061): it gets the odd sample on every machine
    expect(quota(tie, "B")).toBe(2);
    expect(quota(tie, "a")).toBe(1);
    const thirds = planMix({ agent: { a: 100, b: 100, c: 100 }, general: { gpt4: 0, other: 0 } }, recipe({ eta: 1, size: { mode: "total", total: 5 }, shares: { ...DEFAULT_RECIPE.shares, values: { a: 1, b: 1, c: 1 } } }));
    expect(thirds.agentTotal).toBe(5);
    expect(thirds.notes).toEqual([]);
  });
});
