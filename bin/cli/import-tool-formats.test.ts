/**
 * `npm run cli -- import` (the real CLI, a child process) on a real PostgreSQL with
 * the tool-calling formats: --format names them in the usage and accepts them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin } from "@/lib/auth/users";
import { nebiusRow } from "@/lib/formats/fixtures/tool-samples";
import { runCli } from "@/testing/cli";
import { useTestDatabase } from "@/testing/database";
import { writeLines } from "@/testing/fixtures";

const databaseUrl = useTestDatabase();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cli-tool-formats-"));
  await createFirstAdmin({ email: "admin@lab.org", password: "cli test password", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli([...args, "--as", "admin@lab.org"], { DATABASE_URL: databaseUrl(), TS_DATA_DIR: dir });

describe("cli import with tool-calling formats", () => {
  it("imports a Nebius file with --format sweagent and lists the new formats when the flag is wrong", async () => {
    const file = writeLines(dir, "nebius.jsonl", [nebiusRow]);
    const ok = await cli(["import", file, "--format", "sweagent", "--json"]);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ format: "sweagent", imported: 1 });
    const bad = await cli(["import", file, "--format", "swe"]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain("--format must be one of auto, agentinstruct, sharegpt, openai, agentbench, fireact, alpaca, anthropic, sharegpt-tools, sweagent");
  });
});
