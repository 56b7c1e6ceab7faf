/**
 * Preference pairs for DPO in TRL's conversational shape:
 * `{"prompt":[{role,content}...],"chosen":[...],"rejected":[...],"id","task"}`.
 * TRL reads the three message columns and ignores other dataset columns, so
 * `id` and `task` stay for auditing. No weights: DPO scores whole continuations.
 */
import type { Writable } from "node:stream";
import type { TPreferencePair } from "@/lib/export/record";
import { chatMessages } from "./messages";
import { createJsonlWriter, type TRecordWriter } from "./stream-sink";

export function preferenceRow(pair: TPreferencePair): Record<string, unknown> {
  return {
    prompt: chatMessages(pair.prompt, false),
    chosen: chatMessages(pair.chosen, false),
    rejected: chatMessages(pair.rejected, false),
    id: pair.id,
    task: pair.task,
  };
}

export function createPreferenceWriter(out: Writable): TRecordWriter<TPreferencePair> {
  return createJsonlWriter(out, preferenceRow);
}
