import { describe, expect, it } from "vitest";
import { detectFormat, openTrajectories, readerFor, readTrajectories } from "./detect";
import { collect, tmpDir, writeAgentInstructParquet, writeJsonl, writeText } from "./fixtures/files";
import {
  agentBenchOs,
  agentInstructRows,
  etoRow,
  fireactListValue,
  natRow,
  openaiRows,
  osRow,
  sharegptRows,
} from "./fixtures/samples";
import { readHead } from "./sniff";

describe("detectFormat", () => {
  const dir = tmpDir();
  const cases: Array<[string, string, string, string]> = [
    ["ai.jsonl", JSON.stringify(osRow) + "\n", "agentinstruct", "jsonl"],
    ["ai.json", JSON.stringify(agentInstructRows, null, 2), "agentinstruct", "json-array"],
    ["sg.json", JSON.stringify(sharegptRows), "sharegpt", "json-array"],
    ["nat.json", JSON.stringify([natRow]), "agentinstruct", "json-array"],
    ["oa.jsonl", openaiRows.map((r) => JSON.stringify(r)).join("\n"), "openai", "jsonl"],
    ["runs.jsonl", JSON.stringify(agentBenchOs) + "\n", "agentbench", "jsonl"],
    ["fa.json", JSON.stringify({ "0": fireactListValue, "1": fireactListValue }, null, 2), "fireact", "json-object"],
    ["fa-one-line.json", JSON.stringify({ "0": fireactListValue }) + "\n", "fireact", "json-object"],
    ["eto-17.json", JSON.stringify(etoRow, null, 2), "agentinstruct", "json-record"],
    // a text file named .json whose content is JSONL: content wins over the extension
    ["misnamed.json", JSON.stringify(osRow) + "\n" + JSON.stringify(osRow) + "\n", "agentinstruct", "jsonl"],
    // JSONL whose first line is broken is still JSONL
    ["broken-first.jsonl", '{"id": "os_1", "conversations": [\n' + JSON.stringify(osRow) + "\n", "agentinstruct", "jsonl"],
  ];
  for (const [name, text, format, container] of cases) {
    it(`${name} → ${format} in ${container}`, async () => {
      expect(await detectFormat(writeText(dir, name, text))).toEqual({ format, container });
    });
  }

  it("detects parquet by its magic bytes, whatever the name", async () => {
    const file = writeAgentInstructParquet(dir, "data.bin", [{ id: "os_0", conversations: osRow.conversations }]);
    expect(await detectFormat(file)).toEqual({ format: "agentinstruct", container: "parquet" });
  });

  it("names the first record's keys when nothing matches", async () => {
    const file = writeText(dir, "odd.jsonl", '{"question": "q", "answer": "a"}\n');
    await expect(detectFormat(file)).rejects.toThrow(
      `cannot detect the format of odd.jsonl: the first record has keys question, answer; pass --format`,
    );
  });

  it("rejects empty and non-JSON files clearly", async () => {
    await expect(detectFormat(writeText(dir, "empty.jsonl", "  \n"))).rejects.toThrow(/is empty/);
    await expect(detectFormat(writeText(dir, "t.csv", "a,b\n1,2\n"))).rejects.toThrow(/not JSON, JSON Lines or parquet/);
  });

  it("keeps a forced format but still sniffs the container", async () => {
    const file = writeText(dir, "forced.json", JSON.stringify(sharegptRows));
    expect(await detectFormat(file, "agentinstruct")).toEqual({ format: "agentinstruct", container: "json-array" });
  });

  it("exposes the head it decided from", async () => {
    const head = await readHead(writeText(dir, "h.jsonl", JSON.stringify(osRow) + "\n"));
    expect(head).toEqual({ fileName: "h.jsonl", container: "jsonl", firstRecord: osRow });
  });
});

describe("readTrajectories / readerFor / openTrajectories", () => {
  it("read the same records whichever entry point is used", async () => {
    const dir = tmpDir();
    const file = writeJsonl(dir, "train.jsonl", agentInstructRows);
    const detected = await detectFormat(file);
    const a = await collect(readTrajectories(file, detected));
    const b = await collect(readerFor("agentinstruct").read(file));
    const opened = await openTrajectories(file, { format: "auto" });
    const c = await collect(opened.items);
    expect(opened.format).toBe("agentinstruct");
    expect(a.trajectories.map((t) => t.task)).toEqual(["os", "db", "webshop", "kg", "alfworld", "mind2web"]);
    expect(b.all).toEqual(a.all);
    expect(c.all).toEqual(a.all);
  });
});
