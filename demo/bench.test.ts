import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBenchJsonl } from "./bench";
import type { TAgentRow } from "./types";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "demo-bench-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeBenchJsonl", () => {
  it("writes the requested number of rows at about 10 KB each, reporting progress", async () => {
    const file = path.join(dir, "bench.jsonl");
    const progress: number[] = [];
    const { bytes, trajectories } = await writeBenchJsonl(file, { trajectories: 2000, seed: 3, onProgress: (n) => progress.push(n), progressEvery: 500 });
    expect(trajectories).toBe(2000);
    expect(statSync(file).size).toBe(bytes);
    expect(progress).toEqual([500, 1000, 1500, 2000]);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(2000);
    const rows = lines.map((l) => JSON.parse(l) as TAgentRow);
    expect(new Set(rows.map((r) => r.item_id)).size).toBe(2000);
    const tasks = new Set(rows.map((r) => r.item_id.replace(/_\d+$/, "")));
    expect(tasks).toEqual(new Set(["os", "db", "alfworld", "webshop", "kg", "mind2web"]));
    expect(bytes / 2000).toBeGreaterThan(9000);
    expect(bytes / 2000).toBeLessThan(11000);
  });

  it("is deterministic for a seed", async () => {
    const hash = async (name: string, seed: number) => {
      const file = path.join(dir, name);
      await writeBenchJsonl(file, { trajectories: 200, seed, averageBytes: 4000 });
      return createHash("sha256").update(readFileSync(file)).digest("hex");
    };
    expect(await hash("a.jsonl", 5)).toBe(await hash("b.jsonl", 5));
    expect(await hash("c.jsonl", 6)).not.toBe(await hash("a.jsonl", 5));
  });
});
