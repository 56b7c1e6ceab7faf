import { describe, expect, it } from "vitest";
import { REQUIRED_NODE_MAJOR, nodeMajor } from "./node-runtime";

describe("node runtime", () => {
  it("the test run itself is on Node 24 or later (npm run puts node_modules' Node first)", () => {
    expect(nodeMajor()).toBeGreaterThanOrEqual(REQUIRED_NODE_MAJOR);
  });

  it("reads the major version", () => {
    expect(nodeMajor("20.20.2")).toBe(20);
    expect(nodeMajor("24.21.0")).toBe(24);
  });
});
