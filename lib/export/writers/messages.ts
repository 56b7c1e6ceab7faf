/**
 * OpenAI / TRL chat fine-tuning JSONL: `{"messages":[{"role","content","weight"?}]}`.
 * Only `messages` is written: OpenAI's file validator rejects examples with
 * keys it does not know, so the record's id and task are not in this file
 * (its lines follow the export's record order). `weight` (0/1, the loss flag)
 * goes on assistant messages only, as OpenAI allows it nowhere else, and only
 * when the record has a flag.
 */
import type { Writable } from "node:stream";
import type { TExportRecord, TExportTurn } from "@/lib/export/record";
import { createJsonlWriter, type TRecordWriter } from "./stream-sink";

export type TChatMessage = { role: TExportTurn["role"]; content: string; weight?: 0 | 1 };

export function chatMessages(turns: readonly TExportTurn[], withWeights: boolean): TChatMessage[] {
  return turns.map((t) =>
    withWeights && t.role === "assistant" && t.loss !== null
      ? { role: t.role, content: t.text, weight: t.loss ? 1 : 0 }
      : { role: t.role, content: t.text },
  );
}

export function messagesRow(record: TExportRecord): { messages: TChatMessage[] } {
  return { messages: chatMessages(record.turns, true) };
}

export function createMessagesWriter(out: Writable): TRecordWriter<TExportRecord> {
  return createJsonlWriter(out, messagesRow);
}
