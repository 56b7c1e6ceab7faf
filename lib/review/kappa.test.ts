import { describe, expect, it } from "vitest";
import { agreementStats } from "./kappa";

describe("agreementStats", () => {
  it("matches a hand-computed Cohen's kappa", () => {
    // 10 items: both accept 4, both reject 3, A accepts/B rejects 2, A rejects/B accepts 1.
    // po = 0.7; pA = 0.6, pB = 0.5; pe = 0.3 + 0.2 = 0.5; kappa = 0.4.
    const stats = agreementStats({ items: 10, agree: 7, firstAccepts: 6, secondAccepts: 5 });
    expect(stats.agreement).toBeCloseTo(0.7);
    expect(stats.kappa).toBeCloseTo(0.4);
  });

  it("is 1 for perfect agreement with both categories used, and undefined when nobody ever rejects", () => {
    expect(agreementStats({ items: 4, agree: 4, firstAccepts: 2, secondAccepts: 2 }).kappa).toBeCloseTo(1);
    expect(agreementStats({ items: 3, agree: 3, firstAccepts: 3, secondAccepts: 3 })).toEqual({ agreement: 1, kappa: null });
    expect(agreementStats({ items: 0, agree: 0, firstAccepts: 0, secondAccepts: 0 })).toEqual({ agreement: null, kappa: null });
  });

  it("is negative when raters systematically disagree", () => {
    expect(agreementStats({ items: 4, agree: 0, firstAccepts: 2, secondAccepts: 2 }).kappa).toBeCloseTo(-1);
  });
});
