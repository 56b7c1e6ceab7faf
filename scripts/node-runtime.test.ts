import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REQUIRED_NODE_MAJOR, WORKER_NODE_FLAGS, nodeMajor } from "./node-runtime";

/** The young generation's size (MB) in a Node process with these flags, after it allocated 10M short-lived objects. */
function youngGenerationMb(flags: string[]): number {
  const script = `
    const kept = [];
    for (let round = 0; round < 20; round++) { const batch = []; for (let i = 0; i < 5e5; i++) batch.push({ i, s: "x" + i }); kept.push(batch.length); }
    const space = require("v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    process.stdout.write(String(Math.round(space.space_size / 1e6)));`;
  return Number(execFileSync(process.execPath, [...flags, "-e", script], { encoding: "utf8" }));
}

describe("node runtime", () => {
  it("the test run itself is on Node 24 or later (npm run puts node_modules' Node first)", () => {
    expect(nodeMajor()).toBeGreaterThanOrEqual(REQUIRED_NODE_MAJOR);
  });

  it("reads the major version", () => {
    expect(nodeMajor("20.20.2")).toBe(20);
    expect(nodeMajor("24.21.0")).toBe(24);
  });

  it("a worker's young generation stays at 2 x 32 MB, where Node 24's own default grows it to 2 x 64 MB", () => {
    expect(youngGenerationMb(WORKER_NODE_FLAGS)).toBeLessThanOrEqual(72);
    expect(youngGenerationMb([])).toBeGreaterThan(100);
  });

  it("every way of starting a worker passes the workers' Node flags", () => {
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    const compose = readFileSync("compose.yaml", "utf8");
    for (const flag of WORKER_NODE_FLAGS) {
      expect(scripts.worker).toContain(flag);
      expect(scripts["bench:export"]).toContain(flag);
      expect(compose).toContain(`NODE_OPTIONS: "${WORKER_NODE_FLAGS.join(" ")}"`);
    }
  });
});
