import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin } from "@/lib/auth/users";
import { runCli } from "@/bin/cli/run";
import { useTestDatabase } from "@/testing/database";

useTestDatabase();

let dir: string;
const AS = ["--as", "admin@lab.org"];

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const errSpy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await runCli([...args, ...AS]), out, err };
  } finally {
    spy.mockRestore();
    errSpy.mockRestore();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "contamination-cli-"));
  await createFirstAdmin({ email: "admin@lab.org", password: "cli test password", setupCode: await issueSetupCode() }, { requestId: null, ip: null });
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
    expect(done.params).toMatchObject({ tokenizer: "word", n: 10, datasets: [] });
  }, 60_000);

  it("takes --tokenizer, --n, --include-general and --dataset, and names a bad parameter", async () => {
    const bpe = await cli(["contamination", "run", "--testset", "bench", "--tokenizer", "bpe", "--n", "8", "--include-general", "--json"]);
    expect(bpe.code).toBe(0);
    expect(JSON.parse(bpe.out.trim().split("\n").at(-1)!)).toMatchObject({ state: "finished", params: { tokenizer: "bpe", n: 8 } });

    const badTokenizer = await cli(["contamination", "run", "--testset", "bench", "--tokenizer", "sentencepiece"]);
    expect(badTokenizer.code).toBe(1);
    expect(badTokenizer.err).toContain('tokenizer must be one of "word", "bpe", not "sentencepiece"');

    const badDataset = await cli(["contamination", "run", "--testset", "bench", "--dataset", "nope"]);
    expect(badDataset.code).toBe(1);
    expect(badDataset.err).toContain('datasets: no dataset "nope"');
  }, 60_000);
});
