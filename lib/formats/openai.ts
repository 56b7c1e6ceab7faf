/**
 * OpenAI / TRL fine-tune rows: `{"messages": [{role, content, weight?}]}`.
 * `weight` 0/1 is the loss flag; a reward only ever comes from the text.
 */
import type { TRawRecord } from "./containers";
import { emptyTrajectory, FieldError, idOf, makeReader, parseTurns, stringOrNull, without } from "./record";
import { isPlainObject } from "./sniff";
import type { TNormalizedTrajectory } from "./types";

export function mapOpenAI(raw: TRawRecord): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  const t = emptyTrajectory(raw);
  const messages = rec.messages;
  t.turns = parseTurns(messages, "messages").map((turn, i) => {
    const message = (messages as unknown[])[i];
    const weight = isPlainObject(message) ? message.weight : undefined;
    if (weight === undefined || weight === null) return turn;
    if (weight !== 0 && weight !== 1) throw new FieldError(`messages[${i}].weight must be 0 or 1`);
    return { ...turn, loss: weight === 1 };
  });
  t.externalId = idOf(rec.id) ?? raw.key;
  t.task = stringOrNull(rec.task);
  t.sourceModel = stringOrNull(rec.model);
  t.metadata = without(rec, ["messages", "id", "task", "model"]);
  return t;
}

export const openai = makeReader("openai", (head) => Array.isArray(head.firstRecord?.messages), mapOpenAI);
