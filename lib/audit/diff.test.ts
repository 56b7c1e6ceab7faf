import { describe, expect, it } from "vitest";
import { fieldChanges, showValue } from "./diff";

describe("fieldChanges", () => {
  it("lists only the fields that changed, new ones with no before, nested ones by path", () => {
    const before = { threshold: 1, version: 1, rules: { noReward: "pass", other: 1 } };
    const after = { threshold: 0.5, version: 2, reason: "partial credit", proposalId: null, rules: { noReward: "exclude", other: 1 } };
    expect(fieldChanges(before, after)).toEqual([
      { field: "threshold", before: 1, after: 0.5 },
      { field: "version", before: 1, after: 2 },
      { field: "rules.noReward", before: "pass", after: "exclude" },
      { field: "reason", before: undefined, after: "partial credit" },
    ]);
  });

  it("handles an event with only an after or only a before, scalars and arrays", () => {
    expect(fieldChanges(null, { email: "a@lab.org", role: "viewer" })).toEqual([
      { field: "email", before: undefined, after: "a@lab.org" },
      { field: "role", before: undefined, after: "viewer" },
    ]);
    expect(fieldChanges({ role: "viewer" }, null)).toEqual([{ field: "role", before: "viewer", after: undefined }]);
    expect(fieldChanges({ reasons: ["loop"] }, { reasons: ["loop", "other"] })).toEqual([{ field: "reasons", before: ["loop"], after: ["loop", "other"] }]);
    expect(fieldChanges({ reasons: ["loop"] }, { reasons: ["loop"] })).toEqual([]);
    expect(fieldChanges(3, 4)).toEqual([{ field: "value", before: 3, after: 4 }]);
  });
});

describe("showValue", () => {
  it("shows strings as they are, absent as a dash, the rest as JSON", () => {
    expect([showValue("x"), showValue(undefined), showValue(0.5), showValue(["a"]), showValue(true)]).toEqual(["x", "—", "0.5", '["a"]', "true"]);
  });
});
