import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFirstAdmin } from "@/lib/auth/users";
import { runCli } from "@/lib/cli/run";
import { useTestDatabase } from "@/lib/testing/database";

useTestDatabase();

let dir: string;
const AS = ["--as", "admin@lab.org"];

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await runCli([...args, ...AS]), out };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "contamination-cli-"));
  await createFirstAdmin({ email: "admin@lab.org", password: "cli test password" }, { requestId: null, ip: null });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("CLI: testset import and contamination run", () => {
  it("imports a CSV test set and runs a check with --json", async () => {
    const file = path.join(dir, "bench.csv");
    await writeFile(file, 'id,goal,answer\nq1,"How many files, in total, are there in the etc directory of this machine",42\nq2,short one,1\n');
    const imported = await cli(["testset", "import", file, "--name", "bench", "--task", "os", "--field", "goal", "--json"]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ name: "bench", itemCount: 2, fields: ["goal"] });

    const ran = await cli(["contamination", "run", "--testset", "bench", "--json"]);
    expect(ran.code).toBe(0);
    const done = JSON.parse(ran.out.trim().split("\n").at(-1)!);
    expect(done).toMatchObject({ event: "done", state: "finished", table: { total: { examples: 2, clean: 2, dirty: 0 } } });
  }, 60_000);
});
