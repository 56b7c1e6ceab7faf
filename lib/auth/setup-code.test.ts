import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { issueSetupCode, newSetupCode } from "./setup-code";
import { createFirstAdmin, userCount } from "./users";

useTestDatabase();

const context = { requestId: "setup-code-test", ip: "10.0.0.1" };
const admin = (setupCode: string) => ({ email: "ada@lab.org", password: "correct horse battery", setupCode });

async function storedCodeRows(): Promise<number> {
  return (await pool().query("select 1 from app_settings where key = 'setup.codeHash'")).rowCount ?? 0;
}

describe("first-run setup code", () => {
  it("refuses the first admin when no code was issued, and with a wrong or empty code; nothing is created", async () => {
    await expect(createFirstAdmin(admin("ABCD-EFGH-JKLM"), context)).rejects.toThrow("setup code: none was issued");
    const code = await issueSetupCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const wrong = code === "ABCD-EFGH-JKLM" ? "ABCD-EFGH-JKLN" : "ABCD-EFGH-JKLM";
    await expect(createFirstAdmin(admin(wrong), context)).rejects.toThrow("setup code: it is not the code printed in the server's console");
    await expect(createFirstAdmin(admin(""), context)).rejects.toThrow("setup code: it is not the code");
    expect(await userCount()).toBe(0);
    // Only the hash is stored, never the code.
    const stored = await pool().query<{ value: unknown }>("select value from app_settings where key = 'setup.codeHash'");
    expect(JSON.stringify(stored.rows[0]!.value)).not.toContain(code.replace(/-/g, ""));
  });

  it("a newer code replaces the older one; the right code (any case, no dashes) creates the admin once and is then gone", async () => {
    const older = await issueSetupCode();
    const code = await issueSetupCode();
    await expect(createFirstAdmin(admin(older), context)).rejects.toThrow("setup code: it is not the code");
    const id = await createFirstAdmin(admin(code.toLowerCase().replace(/-/g, " ")), context);
    expect(id).toBeGreaterThan(0);
    expect(await userCount()).toBe(1);
    expect(await storedCodeRows()).toBe(0);
    await expect(createFirstAdmin({ ...admin(code), email: "eve@lab.org" }, context)).rejects.toThrow(/already exists/);
  });

  it("TS_SETUP_CODE fixes the code but must be long enough", async () => {
    await expect(issueSetupCode("short-1")).rejects.toThrow("TS_SETUP_CODE: must have at least 12 letters or digits");
    expect(await issueSetupCode("fixed-code-for-ci")).toBe("fixed-code-for-ci");
    expect(newSetupCode()).not.toBe(newSetupCode());
  });
});
