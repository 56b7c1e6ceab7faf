/**
 * The hand-written lines of plain records are byte for byte JSON.stringify's of
 * the generic rows (what the writers wrote before, and still write for any
 * other record): every role, loss state, reward, odd characters.
 */
import { describe, expect, it } from "vitest";
import type { TExportRecord, TExportTurn } from "@/lib/export/record";
import { conversationsRow } from "./conversations";
import { messagesRow } from "./messages";
import { isPlainRecord, plainConversationsLine, plainMessagesLine } from "./plain-lines";
import { RECORDS } from "./__fixtures__/records";

const turn = (role: TExportTurn["role"], text: string, loss: boolean | null): TExportTurn => ({ role, text, loss, reasoning: null, toolCalls: null, toolCallId: null });

const ODD = ['quote " backslash \\ slash /', "tab\tnewline\n\r\u0000\u001f\u007f", "lone \ud800 surrogate \udfff", "emoji 🧪 and ünïcödé", "\u2028\u2029", ""];

const PLAIN: TExportRecord[] = [
  ...RECORDS.filter(isPlainRecord),
  ...[1, 0, -0, 0.25, null, Number.NaN, 1e21].map((reward, k): TExportRecord => ({
    id: `odd "${k}" \\`,
    trajectoryId: k,
    task: k % 2 ? "general" : "os\n",
    sourceModel: k % 3 ? null : "gpt-4 \"x\"",
    datasetName: "d",
    kind: k % 2 ? "general" : "agent",
    reward,
    tools: null,
    turns: ODD.map((text, i) => turn((["system", "user", "assistant"] as const)[i % 3]!, text, ([true, false, null] as const)[(i + k) % 3]!)),
    taskTurnIndex: null,
    genericCotRule: false,
  })),
];

describe("plain record lines", () => {
  it("covers the fixtures' plain records, and leaves tool-calling or reasoning records to the generic rows", () => {
    expect(RECORDS.filter(isPlainRecord).length).toBeGreaterThan(0);
    const withReasoning = { ...PLAIN[0]!, turns: [{ ...PLAIN[0]!.turns[0]!, reasoning: "why" }] };
    const withCalls = { ...PLAIN[0]!, turns: [{ ...PLAIN[0]!.turns[0]!, role: "assistant" as const, toolCalls: [{ id: "c1", name: "f", arguments: "{}" }] }] };
    const withTools = { ...PLAIN[0]!, tools: [] };
    for (const record of [withReasoning, withCalls, withTools]) expect(isPlainRecord(record)).toBe(false);
  });

  it.each(PLAIN.map((record) => [record.id, record] as const))("%s: conversations and messages lines are JSON.stringify's bytes", (_id, record) => {
    expect(isPlainRecord(record)).toBe(true);
    expect(plainConversationsLine(record)).toBe(JSON.stringify(conversationsRow(record)));
    expect(plainMessagesLine(record)).toBe(JSON.stringify(messagesRow(record, { reasoningAs: "field" })));
    expect(plainMessagesLine(record)).toBe(JSON.stringify(messagesRow(record, { reasoningAs: "think" })));
  });
});
