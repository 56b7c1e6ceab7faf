import { describe, expect, it } from "vitest";
import { DEFAULT_RECIPE_SHARES, fillShares, mixWhatIf, recipeCapacity } from "./mix";

// The released AgentInstruct set (docs/method.md §3, §6): its shares are its counts.
const RELEASED = { os: 195, db: 538, alfworld: 336, webshop: 351, kg: 324, mind2web: 122 };

describe("the default recipe", () => {
  it("sums to 100 % and matches the released counts", () => {
    expect(Object.values(DEFAULT_RECIPE_SHARES).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const total = Object.values(RELEASED).reduce((a, b) => a + b, 0);
    expect(total).toBe(1866);
    for (const [task, count] of Object.entries(RELEASED)) expect(count / total).toBeCloseTo(DEFAULT_RECIPE_SHARES[task]!, 2);
  });
});

describe("recipeCapacity", () => {
  it("is limited by the task with the least data for its share", () => {
    const capacity = recipeCapacity({ ...RELEASED, mind2web: 13 }, DEFAULT_RECIPE_SHARES);
    expect(capacity).toEqual({ size: 200, limitedBy: "mind2web" });
  });

  it("leaves out tasks with nothing passing, and is 0 without data", () => {
    expect(recipeCapacity({ db: 288 }, DEFAULT_RECIPE_SHARES)).toEqual({ size: 1000, limitedBy: "db" });
    expect(recipeCapacity({}, DEFAULT_RECIPE_SHARES)).toEqual({ size: 0, limitedBy: null });
  });
});

describe("fillShares", () => {
  it("gives every task its share when all have enough", () => {
    const rows = fillShares(RELEASED, DEFAULT_RECIPE_SHARES, 1000);
    for (const row of rows) {
      expect(row.taken).toBeCloseTo(1000 * row.share, 6);
      expect(row.effectiveShare).toBeCloseTo(row.share, 9);
    }
  });

  it("a short task gives all it has; the others fill its gap by their shares", () => {
    const rows = Object.fromEntries(fillShares({ ...RELEASED, mind2web: 10 }, DEFAULT_RECIPE_SHARES, 1000).map((row) => [row.task, row]));
    expect(rows.mind2web!.taken).toBe(10);
    expect(rows.mind2web!.effectiveShare).toBeCloseTo(0.01, 9);
    const others = 1 - DEFAULT_RECIPE_SHARES.mind2web!;
    expect(rows.db!.taken).toBeCloseTo((990 * 0.288) / others, 6);
    expect(Object.values(rows).reduce((sum, row) => sum + row.taken, 0)).toBeCloseTo(1000, 6);
  });

  it("cascades when filling the gap runs another task out", () => {
    const rows = Object.fromEntries(fillShares({ ...RELEASED, mind2web: 0, os: 110 }, DEFAULT_RECIPE_SHARES, 1000).map((row) => [row.task, row]));
    expect(rows.mind2web!.taken).toBe(0);
    expect(rows.os!.taken).toBe(110);
    expect(Object.values(rows).reduce((sum, row) => sum + row.taken, 0)).toBeCloseTo(1000, 6);
  });

  it("gives what there is when the data cannot fill the mix", () => {
    const rows = fillShares({ db: 5, os: 5 }, { db: 0.5, os: 0.5 }, 100);
    expect(rows.map((row) => row.taken)).toEqual([5, 5]);
    expect(rows.map((row) => row.effectiveShare)).toEqual([0.5, 0.5]);
  });
});

describe("mixWhatIf", () => {
  it("raising mind2web to 1 shrinks its share and the capacity; lowering it only adds headroom", () => {
    const before = { ...RELEASED };
    const stricter = mixWhatIf(before, { ...before, mind2web: 20 });
    expect(stricter.capacityBefore).toEqual({ size: 1857, limitedBy: "os" }); // 195 / 0.105
    expect(stricter.capacityAfter).toEqual({ size: 307, limitedBy: "mind2web" });
    const row = stricter.rows.find((entry) => entry.task === "mind2web")!;
    expect(row).toMatchObject({ before: 122, after: 20, share: 0.065 });
    expect(row.effectiveBefore).toBeCloseTo(0.065, 3);
    // At 1,857 samples the released set has almost no spare data: every task gives all it has, 1,764 in all.
    expect(row.effectiveAfter).toBeCloseTo(20 / 1764, 6);

    const looser = mixWhatIf(before, { ...before, mind2web: 300 });
    expect(looser.capacityAfter.size).toBe(looser.capacityBefore.size);
    expect(looser.rows.every((entry) => Math.abs(entry.effectiveAfter - entry.effectiveBefore) < 1e-9)).toBe(true);
  });

  it("lists tasks outside the recipe with a share of 0", () => {
    const whatIf = mixWhatIf({ ...RELEASED, hotpotqa: 40 }, { ...RELEASED, hotpotqa: 10 });
    expect(whatIf.rows.at(-1)).toMatchObject({ task: "hotpotqa", before: 40, after: 10, share: 0, effectiveAfter: 0 });
  });
});
