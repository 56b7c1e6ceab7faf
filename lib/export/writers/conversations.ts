/**
 * AgentInstruct / ShareGPT `conversations` JSONL (LLaMA-Factory, FastChat,
 * AgentGym), one schema for every line:
 * `{"id","task","model","reward","conversations":[{"from","value","loss"}],"tools"}`,
 * null where a value is absent (`model` unknown, `loss` without a flag,
 * `tools` without declared tools). Reads back through lib/formats as agentinstruct.
 *
 * Tool-calling records follow LLaMA-Factory's tool format: a turn with calls is
 * `from: "function_call"` whose value is `{"name","arguments"}` (a JSON list of
 * them for parallel calls), `arguments` the stored string written in place when
 * it is valid JSON (so its bytes are the file's) and as a JSON string
 * otherwise; a tool result is `from: "observation"` (the results of parallel
 * calls one turn, blank-line separated, since LLaMA-Factory needs the roles
 * to alternate); `tools` is the declared
 * list as a JSON string. Reasoning goes inline as `<think>…</think>` (the only
 * place LLaMA-Factory reads it); a calling turn's visible text joins its
 * reasoning there, since a function_call value must otherwise be the calls' JSON.
 */
import type { Writable } from "node:stream";
import type { TExportRecord, TExportTurn } from "@/lib/export/record";
import type { TToolCall } from "@/lib/steps/types";
import { withThinkBlock } from "./messages";
import { isPlainRecord, plainConversationsLine } from "./plain-lines";
import { createLineWriter, type TRecordWriter } from "./stream-sink";

type TFrom = "system" | "human" | "gpt" | "function_call" | "observation";

const FROM: Record<TExportTurn["role"], TFrom> = { system: "system", user: "human", assistant: "gpt", tool: "observation" };

export type TConversationTurn = { from: TFrom; value: string; loss: boolean | null };

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function callJson(call: TToolCall): string {
  return `{"name":${JSON.stringify(call.name)},"arguments":${isJson(call.arguments) ? call.arguments : JSON.stringify(call.arguments)}}`;
}

/** A function_call turn's value: any reasoning and visible text as one `<think>` block, then the calls. */
function functionCallValue(turn: TExportTurn, calls: readonly TToolCall[]): string {
  const json = calls.length === 1 ? callJson(calls[0]!) : `[${calls.map(callJson).join(",")}]`;
  const said = [turn.reasoning ?? "", turn.text].filter((text) => text.trim() !== "").join("\n\n");
  return said === "" ? json : withThinkBlock(said, json);
}

export function conversationTurns(turns: readonly TExportTurn[]): TConversationTurn[] {
  const out: TConversationTurn[] = [];
  for (const t of turns) {
    const last = out[out.length - 1];
    // LLaMA-Factory wants human/observation and gpt/function_call to alternate: the results of parallel calls are one turn.
    // The empty results a shared result turn was split into (transform/tool-turns.ts) add nothing to it.
    if (t.role === "tool" && last?.from === "observation") last.value += t.text === "" ? "" : `\n\n${t.text}`;
    else if (t.toolCalls !== null && t.toolCalls.length > 0) out.push({ from: "function_call", value: functionCallValue(t, t.toolCalls), loss: t.loss });
    else out.push({ from: FROM[t.role], value: withThinkBlock(t.reasoning, t.text), loss: t.loss });
  }
  return out;
}

export function conversationsRow(record: TExportRecord): Record<string, unknown> {
  return {
    id: record.id,
    task: record.task,
    model: record.sourceModel,
    reward: record.reward,
    conversations: conversationTurns(record.turns),
    tools: toolsString(record),
  };
}

/** The declared tools as LLaMA-Factory reads them: a JSON string; null when none. */
export function toolsString(record: Pick<TExportRecord, "tools">): string | null {
  return record.tools === null ? null : JSON.stringify(record.tools);
}

export function createConversationsWriter(out: Writable): TRecordWriter<TExportRecord> {
  return createLineWriter(out, (record: TExportRecord) => (isPlainRecord(record) ? plainConversationsLine(record) : JSON.stringify(conversationsRow(record))));
}
