import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { type TActor } from "@/lib/access/actor";
import { acceptInvite, createInvite } from "./invites";
import { passwordProblem } from "./password-policy";
import { hashSecret } from "./secrets";
import { actorFromSession } from "./sessions";
import { signIn } from "./sign-in";
import { changePassword, createFirstAdmin, createUser } from "./users";
import { issueSetupCode } from "@/lib/auth/setup-code";

const databaseUrl = useTestDatabase();
const context = { requestId: "password-test", ip: null };
const STRONG = "quartz meadow tangerine 7";
const USER = { email: "ada.lovelace@lab.org", name: "Ada Lovelace" };

describe("the password rules (OWASP ASVS 2.1)", () => {
  it.each([
    ["aaaaaaaaaa", /at least 12 characters/],
    ["1234567890", /at least 12 characters/],
    ["password12", /at least 12 characters/],
    ["aaaaaaaaaaaa", /too common or too easy to guess/],
    ["123456789012", /too common or too easy to guess/],
    ["password1234", /too common or too easy to guess/],
    ["qwertyuiop12", /too common or too easy to guess/],
    ["iloveyou2024!", /too common or too easy to guess/],
    ["ada.lovelace@lab.org", /your email address or your name/],
    ["ada.lovelace quartz 9", /your email address or your name/],
    ["Lovelace tangerine 42", /your email address or your name/],
    ["ADA LOVELACE meadow 7", /your email address or your name/],
    ["x".repeat(201), /at most 200 characters/],
  ])("refuses %j, naming the rule", async (password, rule) => {
    expect(await passwordProblem(password, USER)).toMatch(rule);
  });

  it.each([
    STRONG,
    "violet harbour lantern 42",
    "correct horse battery staple",
    "grüne Wiese, blaue Tür 9",
    "日本語のパスフレーズです安全",
    "  spaces  count  too  ",
    "z".repeat(8) + "Qp7!vR2#kW9@mL4$".repeat(4),
  ])("accepts %j (any Unicode, spaces, long)", async (password) => {
    expect(await passwordProblem(password, USER)).toBeNull();
  });

  it("counts characters, not UTF-16 units: 11 emoji are 11 characters", async () => {
    const twelve = "🦊🌲🏔🐙🍋🚲🎻🧭🪁🦉🌵🧊";
    expect(await passwordProblem(twelve, USER)).toBeNull();
    expect(await passwordProblem([...twelve].slice(0, 11).join(""), USER)).toMatch(/at least 12 characters \(it has 11\)/);
  });
});

describe("every way to set a password uses the rules", () => {
  let admin: TActor;
  let adminSession = "";

  beforeAll(async () => {
    await expect(createFirstAdmin({ email: "root@lab.org", password: "password12", setupCode: await issueSetupCode() }, context)).rejects.toThrow(/password: must be at least 12/);
    await expect(createFirstAdmin({ email: "root@lab.org", password: "root@lab.org", setupCode: await issueSetupCode() }, context)).rejects.toThrow(/password: must not contain your email/);
    await createFirstAdmin({ email: "root@lab.org", password: STRONG, setupCode: await issueSetupCode() }, context);
    const session = await signIn({ email: "root@lab.org", password: STRONG }, { ...context, userAgent: null });
    admin = (await actorFromSession(session.token, context))!;
    adminSession = hashSecret(session.token);
  });

  it("first-run setup refused the weak ones and created one admin", async () => {
    expect((await pool().query("select email from users")).rows).toEqual([{ email: "root@lab.org" }]);
  });

  it("an admin creating an account", async () => {
    await expect(createUser(admin, { email: "ada.lovelace@lab.org", name: "Ada Lovelace", password: "lovelace meadow 77", role: "viewer" }))
      .rejects.toThrow(/password: must not contain your email address or your name/);
    await expect(createUser(admin, { email: "bob@lab.org", password: "1234567890ab", role: "viewer" })).rejects.toThrow(/too common/);
  });

  it("accepting an invitation: the invited email counts", async () => {
    const { token } = await createInvite(admin, { email: "grace.hopper@lab.org", role: "reviewer" });
    await expect(acceptInvite(token, "hopper", context)).rejects.toThrow(/password: must be at least 12/);
    await expect(acceptInvite(token, "hopper hopper 1", context)).rejects.toThrow(/password: must not contain your email/);
    await expect(acceptInvite(token, "aaaaaaaaaaaa", context)).rejects.toThrow(/password: .*too common/);
    await expect(acceptInvite(token, STRONG, context)).resolves.toBeGreaterThan(0);
  });

  it("changing a password", async () => {
    await expect(changePassword(admin, { current: STRONG, next: "rootroot1234" }, adminSession)).rejects.toThrow(/new password: .*your email|new password: .*too common/);
    await expect(changePassword(admin, { current: STRONG, next: "password1234" }, adminSession)).rejects.toThrow(/new password: .*too common/);
    await expect(changePassword(admin, { current: STRONG, next: "short one" }, adminSession)).rejects.toThrow(/new password: must be at least 12/);
  });

  it("the CLI's user add (a real child process) refuses and creates nothing", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: databaseUrl() };
    const refused = await run(
      process.execPath,
      ["--import", "tsx", "bin/cli.ts", "user", "add", "--email", "cli@lab.org", "--role", "viewer", "--password", "password12", "--as", "root@lab.org"],
      { env },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(refused.stderr).toMatch(/password: must be at least 12 characters/);
    expect((await pool().query("select 1 from users where email = 'cli@lab.org'")).rowCount).toBe(0);
    await run(
      process.execPath,
      ["--import", "tsx", "bin/cli.ts", "user", "add", "--email", "cli@lab.org", "--role", "viewer", "--password", STRONG, "--as", "root@lab.org"],
      { env },
    );
    expect((await pool().query("select 1 from users where email = 'cli@lab.org'")).rowCount).toBe(1);
  }, 60_000);
});
