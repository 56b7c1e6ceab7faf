/** Each mix format read back through the project's own importer (lib/formats) gives the same turns. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectFormat, readTrajectories, type TNormalizedTrajectory } from "@/lib/formats";
import type { TExportRecord } from "@/lib/export/record";
import { createConversationsWriter } from "./conversations";
import { createMessagesWriter } from "./messages";
import { createParquetWriter } from "./parquet";
import { createPreferenceWriter } from "./preference";
import { PAIRS, RECORDS, tmpDir, writeFileWith } from "./__fixtures__/records";

async function readBack(file: string) {
  const detected = await detectFormat(file);
  const trajectories: TNormalizedTrajectory[] = [];
  for await (const item of readTrajectories(file, detected)) {
    expect(item.kind, JSON.stringify(item.value)).toBe("trajectory");
    if (item.kind === "trajectory") trajectories.push(item.value);
  }
  return { format: detected.format, container: detected.container, trajectories };
}

const rawTurns = (record: TExportRecord) => record.turns.map((t) => ({ role: t.role, text: t.text, loss: t.loss }));

describe("writers read back through lib/formats", () => {
  it("conversations JSONL: agentinstruct with the same turns, loss flags, task, model and reward", async () => {
    const file = await writeFileWith(path.join(tmpDir(), "conversations.jsonl"), createConversationsWriter, RECORDS);
    const { format, container, trajectories } = await readBack(file);
    expect([format, container]).toEqual(["agentinstruct", "jsonl"]);
    expect(trajectories.map((t) => t.turns)).toEqual(RECORDS.map(rawTurns));
    expect(trajectories.map((t) => [t.externalId, t.task, t.sourceModel, t.reward])).toEqual(
      RECORDS.map((r) => [r.id, r.task, r.sourceModel, r.reward]),
    );
    // One schema for every line: every key on every record and turn, null where absent.
    const first = JSON.parse(readFileSync(file, "utf8").split("\n")[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(["id", "task", "model", "reward", "conversations", "tools"]);
    const second = JSON.parse(readFileSync(file, "utf8").split("\n")[1]!) as { conversations: Array<Record<string, unknown>> };
    expect(second).toMatchObject({ model: null, tools: null });
    expect(second.conversations[0]).toEqual({ from: "system", value: RECORDS[1]!.turns[0]!.text, loss: null });
  });

  it("messages JSONL: openai with the same turns, weights only on assistant messages (null elsewhere)", async () => {
    const file = await writeFileWith(path.join(tmpDir(), "messages.jsonl"), createMessagesWriter, RECORDS);
    const { format, trajectories } = await readBack(file);
    expect(format).toBe("openai");
    expect(trajectories.map((t) => t.turns)).toEqual(
      RECORDS.map((r) => r.turns.map((t) => ({ role: t.role, text: t.text, loss: t.role === "assistant" ? t.loss : null }))),
    );
    const lines = readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { messages: Array<Record<string, unknown>> });
    for (const line of lines) expect(Object.keys(line)).toEqual(["messages", "tools"]);
    const message = (role: string, content: string, weight: 0 | 1 | null) => ({ role, content, reasoning_content: null, tool_calls: null, tool_call_id: null, weight });
    expect(lines[0]!.messages[3]).toEqual(message("assistant", RECORDS[0]!.turns[3]!.text, 1));
    expect(lines[0]!.messages[1]).toEqual(message("assistant", "Ok.", 0));
    expect(lines[0]!.messages[4]).toEqual(message("user", RECORDS[0]!.turns[4]!.text, null));
    expect(lines[1]!.messages[2]).toEqual(message("assistant", "Action:\nsearch[mug]", null));
  });

  it("parquet: agentinstruct with the same turns, task, model and reward, in several row groups", async () => {
    const many = Array.from({ length: 7 }, (_, i) => RECORDS.map((r) => ({ ...r, id: `${r.id}-${i}` }))).flat();
    const file = path.join(tmpDir(), "conversations.parquet");
    await writeFileWith(file, (out) => createParquetWriter(out, { rowGroupSize: 4 }), many);
    const { format, container, trajectories } = await readBack(file);
    expect([format, container]).toEqual(["agentinstruct", "parquet"]);
    expect(trajectories.map((t) => t.turns)).toEqual(many.map(rawTurns));
    expect(trajectories.map((t) => [t.externalId, t.task, t.sourceModel, t.reward, t.metadata.dataset])).toEqual(
      many.map((r) => [r.id, r.task, r.sourceModel, r.reward, r.datasetName]),
    );
    const { parquetMetadataAsync, asyncBufferFromFile } = await import("hyparquet");
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([4, 4, 4, 4, 4, 1]);
    expect(metadata.schema.map((s) => s.name)).toEqual(["root", "id", "task", "model", "dataset", "reward", "conversations", "list", "element", "from", "value", "loss", "tools"]);
  });

  it("parquet: an export with no records is still a valid, empty file", async () => {
    const file = await writeFileWith(path.join(tmpDir(), "empty.parquet"), createParquetWriter, []);
    const { parquetMetadataAsync, asyncBufferFromFile } = await import("hyparquet");
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(Number(metadata.num_rows)).toBe(0);
  });

  it("preference JSONL: TRL's conversational prompt / chosen / rejected and tools, then id and task", async () => {
    const file = await writeFileWith(path.join(tmpDir(), "preference.jsonl"), createPreferenceWriter, PAIRS);
    const line = JSON.parse(readFileSync(file, "utf8").trimEnd()) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(["prompt", "chosen", "rejected", "tools", "id", "task"]);
    const messages = (turns: typeof PAIRS[0]["prompt"]) =>
      turns.map((t) => ({ role: t.role, content: t.text, reasoning_content: null, tool_calls: null, tool_call_id: null }));
    expect(line).toEqual({
      prompt: messages(PAIRS[0]!.prompt),
      chosen: messages(PAIRS[0]!.chosen),
      rejected: messages(PAIRS[0]!.rejected),
      tools: null,
      id: "db_1|db_2",
      task: "db",
    });
  });
});
