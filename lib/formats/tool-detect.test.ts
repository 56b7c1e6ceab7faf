import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect";
import { tmpDir, writeJsonl, writeText } from "./fixtures/files";
import { anthropicPlainRow, anthropicRow, llamaFactoryRow, nebiusRow } from "./fixtures/tool-samples";

describe("detectFormat on tool-calling shapes", () => {
  const dir = tmpDir();
  it("Anthropic Messages rows (content blocks, tools with input_schema) → anthropic", async () => {
    expect(await detectFormat(writeJsonl(dir, "claude.jsonl", [anthropicRow]))).toEqual({ format: "anthropic", container: "jsonl" });
  });
  it("an Anthropic row without tools or blocks is told apart by its top-level system", async () => {
    expect(await detectFormat(writeJsonl(dir, "claude-plain.jsonl", [anthropicPlainRow]))).toEqual({ format: "anthropic", container: "jsonl" });
  });
  it("LLaMA-Factory ShareGPT with function_call / observation turns → sharegpt-tools", async () => {
    expect(await detectFormat(writeText(dir, "glaive.json", JSON.stringify([llamaFactoryRow], null, 2)))).toEqual({
      format: "sharegpt-tools",
      container: "json-array",
    });
  });
  it("the Nebius SWE-agent release (`trajectory` of role/text/mask) → sweagent, also as one pretty-printed record", async () => {
    expect(await detectFormat(writeJsonl(dir, "nebius.jsonl", [nebiusRow]))).toEqual({ format: "sweagent", container: "jsonl" });
    expect(await detectFormat(writeText(dir, "one.json", JSON.stringify(nebiusRow, null, 2)))).toEqual({ format: "sweagent", container: "json-record" });
    expect(await detectFormat(writeText(dir, "keyed.json", JSON.stringify({ a: nebiusRow }, null, 2)))).toEqual({ format: "sweagent", container: "json-object" });
  });
});
