import { describe, expect, it } from "vitest";
import { ZFormBoolean, ZFormId, ZNewAccountForm } from "./fields";

describe("form fields", () => {
  it("reads ids strictly: no hex, exponents, blanks, zero or 20 digits", () => {
    expect(ZFormId.parse("42")).toBe(42);
    for (const bad of ["0x1", "1e3", "", " 1", "0", "-3", "1.5", "12345678901234567890"]) {
      expect(ZFormId.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("reads booleans as the two words a form sends", () => {
    expect(ZFormBoolean.parse("true")).toBe(true);
    expect(ZFormBoolean.parse("false")).toBe(false);
    expect(ZFormBoolean.safeParse("yes").success).toBe(false);
  });

  it("refuses a new account whose two passwords differ, naming the field", () => {
    const result = ZNewAccountForm.safeParse({ email: "a@b.org", password: "one password", confirm: "another one" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["confirm"], message: "the two passwords differ" });
  });
});
