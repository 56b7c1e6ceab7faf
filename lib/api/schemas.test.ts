import { describe, expect, it } from "vitest";
import { MAX_NESTING, nestedDeeperThan } from "@/lib/testsets/nesting";
import { ZBigId, ZId } from "./schemas";

describe("the shared id schemas", () => {
  it("take plain decimal digits only, within the column's range", () => {
    expect(ZId.parse("42")).toBe(42);
    expect(ZId.parse("2147483647")).toBe(2_147_483_647);
    for (const bad of ["0", "0x1", "1e3", "-1", "+1", "1.0", " 1", "", "2147483648", "12345678901234567890"]) expect(ZId.safeParse(bad).success).toBe(false);
    expect(ZBigId.parse("9223372036854775807")).toBe("9223372036854775807");
    expect(ZBigId.parse("007")).toBe("7");
    for (const bad of ["0", "0x1", "1e3", "9223372036854775808"]) expect(ZBigId.safeParse(bad).success).toBe(false);
  });
});

describe("nesting", () => {
  const nested = (levels: number) => JSON.parse("[".repeat(levels) + "]".repeat(levels)) as unknown;
  it("counts levels without recursion, so 100,000 levels are checked safely", () => {
    expect(nestedDeeperThan(nested(MAX_NESTING), MAX_NESTING)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_NESTING + 1), MAX_NESTING)).toBe(true);
    expect(nestedDeeperThan(nested(100_000), MAX_NESTING)).toBe(true);
    expect(nestedDeeperThan({ question: "q", tags: ["a"] }, 2)).toBe(false);
  });
});
