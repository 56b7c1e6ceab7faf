/**
 * AgentInstruct / ShareGPT `conversations` JSONL (LLaMA-Factory, FastChat,
 * AgentGym): `{"id","task","model"?,"reward","conversations":[{"from","value","loss"?}]}`.
 * `loss` is left out where the record has none (the trainer's default);
 * `model` only when known. Reads back through lib/formats as agentinstruct.
 */
import type { Writable } from "node:stream";
import type { TExportRecord, TExportTurn } from "@/lib/export/record";
import { createJsonlWriter, type TRecordWriter } from "./stream-sink";

const FROM: Record<TExportTurn["role"], "system" | "human" | "gpt"> = { system: "system", user: "human", assistant: "gpt" };

export type TConversationTurn = { from: "system" | "human" | "gpt"; value: string; loss?: boolean };

export function conversationTurns(turns: readonly TExportTurn[]): TConversationTurn[] {
  return turns.map((t) => (t.loss === null ? { from: FROM[t.role], value: t.text } : { from: FROM[t.role], value: t.text, loss: t.loss }));
}

export function conversationsRow(record: TExportRecord): Record<string, unknown> {
  return {
    id: record.id,
    task: record.task,
    ...(record.sourceModel !== null ? { model: record.sourceModel } : {}),
    reward: record.reward,
    conversations: conversationTurns(record.turns),
  };
}

export function createConversationsWriter(out: Writable): TRecordWriter<TExportRecord> {
  return createJsonlWriter(out, conversationsRow);
}
