/**
 * The JSONL lines of a plain record (no tool calls, no reasoning beside the text,
 * no declared tools: every ReAct / chat trajectory), written as strings instead
 * of building a row object per record and turn for JSON.stringify to walk.
 * Each turn's text is escaped once and shared by conversations.jsonl and
 * messages.jsonl. The bytes are exactly JSON.stringify's of the generic rows
 * (plain-lines.test.ts); any other record takes the generic path.
 */
import type { TExportRecord, TExportTurn } from "@/lib/export/record";

/** Every scalar the lines write is defined, and no turn carries tool-calling or reasoning parts. */
export function isPlainRecord(record: TExportRecord): boolean {
  if (record.tools !== null || record.sourceModel === undefined || record.reward === undefined) return false;
  for (const turn of record.turns) {
    if (turn.role === "tool" || turn.reasoning !== null || turn.toolCalls !== null || turn.toolCallId !== null || turn.loss === undefined) return false;
  }
  return true;
}

/**
 * The last record's turn texts as JSON strings: every file is given a record before the next one comes
 * (write.ts), so one slot shares them, and holds nothing beyond that record.
 */
let escaped: { record: TExportRecord; texts: string[] } | null = null;

function textsJson(record: TExportRecord): string[] {
  if (escaped?.record !== record) escaped = { record, texts: record.turns.map((turn) => JSON.stringify(turn.text)) };
  return escaped.texts;
}

const FROM: Record<TExportTurn["role"], string> = { system: '"system"', user: '"human"', assistant: '"gpt"', tool: '"observation"' };

/** = JSON.stringify(conversationsRow(record)) for a plain record. */
export function plainConversationsLine(record: TExportRecord): string {
  const texts = textsJson(record);
  let turns = "";
  record.turns.forEach((turn, i) => {
    turns += `${i === 0 ? "" : ","}{"from":${FROM[turn.role]},"value":${texts[i]},"loss":${turn.loss}}`;
  });
  return `{"id":${JSON.stringify(record.id)},"task":${JSON.stringify(record.task)},"model":${JSON.stringify(record.sourceModel)},"reward":${JSON.stringify(record.reward)},"conversations":[${turns}],"tools":null}`;
}

/** = JSON.stringify(messagesRow(record, options)) for a plain record, whichever reasoningAs (it has no reasoning). */
export function plainMessagesLine(record: TExportRecord): string {
  const texts = textsJson(record);
  let messages = "";
  record.turns.forEach((turn, i) => {
    const weight = turn.role === "assistant" && turn.loss !== null ? (turn.loss ? 1 : 0) : null;
    messages += `${i === 0 ? "" : ","}{"role":"${turn.role}","content":${texts[i]},"reasoning_content":null,"tool_calls":null,"tool_call_id":null,"weight":${weight}}`;
  });
  return `{"messages":[${messages}],"tools":null}`;
}
