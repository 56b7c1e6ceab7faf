/**
 * Preference pairs for DPO in TRL's conversational shape:
 * `{"prompt":[message...],"chosen":[...],"rejected":[...],"tools","id","task"}`,
 * messages as in messages.jsonl without `weight` (DPO scores whole
 * continuations), every key on every message, null where absent. TRL reads
 * the message columns and `tools`; `id` and `task` stay for auditing.
 */
import type { Writable } from "node:stream";
import type { TPreferencePair } from "@/lib/export/record";
import { chatMessage, type TMessageOptions } from "./messages";
import { createJsonlWriter, type TRecordWriter } from "./stream-sink";

export function preferenceRow(pair: TPreferencePair, options: TMessageOptions = {}): Record<string, unknown> {
  const messages = (turns: TPreferencePair["prompt"]) => turns.map((turn) => chatMessage(turn, options));
  return {
    prompt: messages(pair.prompt),
    chosen: messages(pair.chosen),
    rejected: messages(pair.rejected),
    tools: pair.tools,
    id: pair.id,
    task: pair.task,
  };
}

export function createPreferenceWriter(out: Writable, options: TMessageOptions = {}): TRecordWriter<TPreferencePair> {
  return createJsonlWriter(out, (pair: TPreferencePair) => preferenceRow(pair, options));
}
