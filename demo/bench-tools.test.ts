import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeToolBenchJsonl } from "./bench-tools";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "demo-bench-tools-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type TRow = { instance_id: string; resolved: boolean; tools: { function: { name: string } }[]; messages: { role: string; tool_calls?: { id: string; function: { arguments: string } }[]; tool_call_id?: string }[] };

describe("writeToolBenchJsonl", () => {
  it("writes OpenAI tool-calling rows of about 10 KB: calls with JSON-string arguments, their results, parallel calls, three tool lists", async () => {
    const file = path.join(dir, "tools.jsonl");
    const { bytes } = await writeToolBenchJsonl(file, { trajectories: 1000, seed: 3 });
    const rows = readFileSync(file, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as TRow);
    expect(rows).toHaveLength(1000);
    expect(bytes / 1000).toBeGreaterThan(9000);
    expect(bytes / 1000).toBeLessThan(11000);
    expect(new Set(rows.map((row) => row.instance_id)).size).toBe(1000);
    expect(new Set(rows.map((row) => JSON.stringify(row.tools))).size).toBe(3);
    const assistant = rows.flatMap((row) => row.messages.filter((message) => message.role === "assistant"));
    const calls = assistant.flatMap((message) => message.tool_calls ?? []);
    expect(calls.every((call) => typeof call.function.arguments === "string")).toBe(true);
    expect(assistant.some((message) => message.tool_calls!.length === 2)).toBe(true);
    const invalid = calls.filter((call) => { try { JSON.parse(call.function.arguments); return false; } catch { return true; } });
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.length / calls.length).toBeLessThan(0.05);
    // Every call but the final finish has its result.
    const answered = new Set(rows.flatMap((row) => row.messages.map((message) => message.tool_call_id).filter(Boolean)));
    expect(calls.filter((call) => !answered.has(call.id))).toHaveLength(1000);
    expect(rows.some((row) => row.resolved) && rows.some((row) => !row.resolved)).toBe(true);
  });

  it("is deterministic for a seed", async () => {
    const hash = async (name: string, seed: number) => {
      const file = path.join(dir, name);
      await writeToolBenchJsonl(file, { trajectories: 100, seed, averageBytes: 4000 });
      return createHash("sha256").update(readFileSync(file)).digest("hex");
    };
    expect(await hash("a.jsonl", 5)).toBe(await hash("b.jsonl", 5));
    expect(await hash("c.jsonl", 6)).not.toBe(await hash("a.jsonl", 5));
  });
});
