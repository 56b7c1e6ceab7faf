import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZBulkInput } from "./bulk";
import { REVIEW_REASONS, ZDecisionInput } from "./reasons";

describe("review decision input", () => {
  it("is importable by the browser: the module imports nothing but zod", () => {
    const source = readFileSync(path.join(import.meta.dirname, "reasons.ts"), "utf8");
    expect([...source.matchAll(/from "([^"]+)"/g)].map((match) => match[1])).toEqual(["zod"]);
  });

  it("a bulk decision is a single decision without the version, with the same limits", () => {
    const input = { decision: "rejected", reasons: ["loop", "other"], comment: "  " };
    expect(ZBulkInput.parse(input)).toEqual({ decision: "rejected", reasons: ["loop", "other"], comment: null });
    expect(ZDecisionInput.parse({ ...input, version: 2 })).toEqual({ ...ZBulkInput.parse(input), version: 2 });
    expect(Object.keys(ZBulkInput.shape).sort()).toEqual(Object.keys(ZDecisionInput.shape).filter((key) => key !== "version").sort());
    const tooMany = [...REVIEW_REASONS, "loop"];
    expect(ZDecisionInput.safeParse({ ...input, reasons: tooMany, version: 0 }).success).toBe(false);
    expect(ZBulkInput.safeParse({ ...input, reasons: tooMany }).success).toBe(false);
  });
});
