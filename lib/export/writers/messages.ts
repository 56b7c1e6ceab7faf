/**
 * OpenAI / TRL chat fine-tuning JSONL: `{"messages":[...],"tools":[...]|null}`,
 * the shape TRL's SFTTrainer and OpenAI fine-tuning read. The record's id and
 * task are not in this file (its lines follow the export's record order).
 *
 * One schema for every line (Hugging Face `datasets` types a column only when
 * every row has it): each message has every key below, null where absent.
 * - `content`: the text (a tool-calling turn: its visible text without the calls).
 * - `reasoning_content`: reasoning kept beside the content (recipe reasoningAs "field";
 *   with "think" it opens the content as `<think>\n…\n</think>\n\n` and this is null).
 * - `tool_calls`: `[{id, type:"function", function:{name, arguments}}]`, `arguments`
 *   the string stored at import, byte for byte.
 * - `tool_call_id`: on `tool` messages, the call answered.
 * - `weight`: 0/1 from the loss flag, on assistant messages that have one.
 */
import type { Writable } from "node:stream";
import type { TToolDeclaration } from "@/lib/formats/types";
import type { TExportRecord, TExportTurn, TReasoningAs } from "@/lib/export/record";
import type { TToolCall } from "@/lib/steps/types";
import { isPlainRecord, plainMessagesLine } from "./plain-lines";
import { createLineWriter, type TRecordWriter } from "./stream-sink";

export type TOpenAiToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };

export type TChatMessage = {
  role: TExportTurn["role"];
  content: string;
  reasoning_content: string | null;
  tool_calls: TOpenAiToolCall[] | null;
  tool_call_id: string | null;
};
export type TWeightedMessage = TChatMessage & { weight: 0 | 1 | null };

export function openAiToolCalls(calls: readonly TToolCall[] | null): TOpenAiToolCall[] | null {
  return calls === null ? null : calls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }));
}

/** Reasoning inline before the content, as Qwen / DeepSeek chat templates write it. */
export function withThinkBlock(reasoning: string | null, content: string): string {
  return reasoning === null ? content : `<think>\n${reasoning}\n</think>\n\n${content}`;
}

export type TMessageOptions = { reasoningAs?: TReasoningAs };

export function chatMessage(t: TExportTurn, options: TMessageOptions = {}): TChatMessage {
  const inline = options.reasoningAs === "think";
  return {
    role: t.role,
    content: inline ? withThinkBlock(t.reasoning, t.text) : t.text,
    reasoning_content: inline ? null : t.reasoning,
    tool_calls: openAiToolCalls(t.toolCalls),
    tool_call_id: t.toolCallId,
  };
}

/** Messages with the loss flag as `weight` on assistant messages (OpenAI allows it nowhere else). */
export function weightedMessages(turns: readonly TExportTurn[], options: TMessageOptions = {}): TWeightedMessage[] {
  return turns.map((t) => ({ ...chatMessage(t, options), weight: t.role === "assistant" && t.loss !== null ? (t.loss ? 1 : 0) : null }));
}

export function messagesRow(record: TExportRecord, options: TMessageOptions = {}): { messages: TWeightedMessage[]; tools: TToolDeclaration[] | null } {
  return { messages: weightedMessages(record.turns, options), tools: record.tools };
}

export function createMessagesWriter(out: Writable, options: TMessageOptions = {}): TRecordWriter<TExportRecord> {
  return createLineWriter(out, (record: TExportRecord) => (isPlainRecord(record) ? plainMessagesLine(record) : JSON.stringify(messagesRow(record, options))));
}
