/**
 * OpenAI chat rows: `{"messages": [{role, content, weight?}], tools?}`, ReAct text or tool calling.
 * - `weight` 0/1 is the loss flag.
 * - Assistant `tool_calls: [{id, type, function: {name, arguments}}]` (content may be null or absent),
 *   `tool` messages with `tool_call_id`; the legacy `function_call` and `function` role (no ids in the
 *   file: the call gets the id `function_call_<message index>`, and a `function` message answers the
 *   latest unanswered call). `arguments` are kept as the file wrote them.
 * - `reasoning_content` / `reasoning` beside the content is the assistant's reasoning.
 * - Per-record tools (`tools`, `functions`, `available_tools`), the outcome (`resolved`, `target`,
 *   `reward`, `success`, `score`) and run fields (`instance_id`, `run_id`, `model`, `model_name`).
 * A row with no reward field may still state one in its text (lib/formats/reward-text).
 */
import type { TToolCall, TRawTurn } from "@/lib/steps/types";
import type { TRawRecord } from "./containers";
import { outcomeOf } from "./outcome";
import { emptyTrajectory, FieldError, idOf, lossOf, makeReader, parseTurn, parseTurns, stringOrNull, without } from "./record";
import { isPlainObject } from "./sniff";
import { recordTools } from "./tools";
import { toolCallingTask } from "./tool-task";
import type { TNormalizedTrajectory } from "./types";

export function mapOpenAI(raw: TRawRecord): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  const t = emptyTrajectory(raw);
  t.turns = messagesOf(rec.messages);
  const declared = recordTools(rec);
  t.tools = declared.tools;
  const outcome = outcomeOf(rec);
  t.reward = outcome.reward;
  t.success = outcome.success;
  const instanceId = idOf(rec.instance_id);
  t.externalId = idOf(rec.id) ?? instanceId ?? raw.key;
  const toolCalling = t.tools !== null || t.turns.some((turn) => turn.toolCalls !== undefined || turn.toolCallIds !== undefined);
  t.task = stringOrNull(rec.task) ?? (toolCalling ? toolCallingTask(instanceId, t.tools) : null);
  const modelField = stringOrNull(rec.model) !== null ? "model" : "model_name";
  t.sourceModel = stringOrNull(rec[modelField]);
  // the fields read above leave the metadata; another outcome, tool list or model field stays in it
  const read = ["messages", "id", "task", "instance_id", "run_id", modelField, declared.field, outcome.rewardField, outcome.successField];
  t.metadata = without(rec, read.filter((field) => field !== null));
  // instance_id stays visible when `id` took the external id; run_id and the reward's field name are kept under stable keys
  if (instanceId !== null && t.externalId !== instanceId) t.metadata.instanceId = instanceId;
  if (idOf(rec.run_id) !== null) t.metadata.runId = idOf(rec.run_id);
  if (outcome.rewardField !== null) t.metadata.rewardField = outcome.rewardField;
  return t;
}

/** Messages with plain-text content go through the shared turn parser; tool-calling ones are read here. */
function messagesOf(messages: unknown): TRawTurn[] {
  if (!Array.isArray(messages)) return parseTurns(messages, "messages");
  const pendingLegacy: TToolCall[] = [];
  return messages.map((message: unknown, i) => {
    const at = `messages[${i}]`;
    if (!isPlainObject(message)) throw new FieldError(`${at} must be an object`);
    const turn = hasToolFields(message) ? toolTurn(message, at, i, pendingLegacy) : parseTurn(message, at);
    const loss = weightLoss(message.weight, `${at}.weight`) ?? lossOf(message.loss, `${at}.loss`);
    return { ...turn, loss };
  });
}

function hasToolFields(message: Record<string, unknown>): boolean {
  return (
    message.tool_calls != null ||
    message.function_call != null ||
    message.role === "tool" ||
    message.role === "function" ||
    message.reasoning_content != null ||
    message.reasoning != null ||
    Array.isArray(message.content) ||
    message.content === null ||
    message.content === undefined
  );
}

function toolTurn(message: Record<string, unknown>, at: string, index: number, pendingLegacy: TToolCall[]): TRawTurn {
  const role = message.role;
  if (typeof role !== "string") throw new FieldError(`${at}.role must be a string`);
  if (role === "tool" || role === "function") {
    const text = contentText(message.content, `${at}.content`, false);
    if (role === "function") {
      const answered = takeLegacyCall(pendingLegacy, message.name);
      return { role: "user", text, loss: null, toolCallIds: answered ? [answered.id] : [] };
    }
    const id = message.tool_call_id;
    if (id !== undefined && id !== null && typeof id !== "string") throw new FieldError(`${at}.tool_call_id must be a string`);
    return { role: "user", text, loss: null, toolCallIds: typeof id === "string" && id !== "" ? [id] : [] };
  }
  if (role !== "assistant") {
    return parseTurn({ role, content: contentText(message.content, `${at}.content`, false) }, at);
  }
  const calls = [...callsOf(message.tool_calls, `${at}.tool_calls`, index)];
  if (message.function_call != null) {
    const legacy = legacyCallOf(message.function_call, `${at}.function_call`, index);
    calls.push(legacy);
    pendingLegacy.push(legacy);
  }
  const text = contentText(message.content, `${at}.content`, calls.length > 0);
  const turn: TRawTurn = { role: "assistant", text, loss: null };
  if (calls.length > 0) turn.toolCalls = calls;
  const reasoning = reasoningOf(message, at);
  if (reasoning !== null) turn.reasoning = reasoning;
  return turn;
}

/** Text content: a string, or a list of `{type: "text", text}` parts joined as written. Null or absent only
 *  beside calls (an assistant that only calls tools) or on a tool result. */
function contentText(content: unknown, field: string, nullAllowed: boolean): string {
  if (typeof content === "string") return content;
  if (content === null || content === undefined) {
    if (nullAllowed) return "";
    throw new FieldError(`${field} must be a string`);
  }
  if (!Array.isArray(content)) throw new FieldError(`${field} must be a string or a list of text parts`);
  return content
    .map((part: unknown, j) => {
      if (!isPlainObject(part) || part.type !== "text" || typeof part.text !== "string") {
        const type = isPlainObject(part) && typeof part.type === "string" ? ` (type "${part.type}")` : "";
        throw new FieldError(`${field}[${j}] must be a text part {type: "text", text}${type}`);
      }
      return part.text;
    })
    .join("");
}

function callsOf(value: unknown, field: string, index: number): TToolCall[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FieldError(`${field} must be a list of calls`);
  return value.map((call: unknown, j) => {
    const at = `${field}[${j}]`;
    if (!isPlainObject(call)) throw new FieldError(`${at} must be an object`);
    if (!isPlainObject(call.function)) throw new FieldError(`${at}.function must be an object with name and arguments`);
    const id = call.id === undefined || call.id === null || call.id === "" ? `call_${index}_${j}` : call.id;
    if (typeof id !== "string") throw new FieldError(`${at}.id must be a string`);
    return { id, name: nameOf(call.function.name, `${at}.function.name`), arguments: argumentsOf(call.function.arguments, `${at}.function.arguments`) };
  });
}

function legacyCallOf(value: unknown, field: string, index: number): TToolCall {
  if (!isPlainObject(value)) throw new FieldError(`${field} must be an object with name and arguments`);
  return { id: `function_call_${index}`, name: nameOf(value.name, `${field}.name`), arguments: argumentsOf(value.arguments, `${field}.arguments`) };
}

function nameOf(value: unknown, field: string): string {
  if (typeof value !== "string" || value === "") throw new FieldError(`${field} must be a non-empty string`);
  return value;
}

/** The arguments as the file wrote them: a string stays byte for byte (valid JSON or not: the checks flag it);
 *  an object (some releases store one) becomes its JSON text. */
function argumentsOf(value: unknown, field: string): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  if (isPlainObject(value)) return JSON.stringify(value);
  throw new FieldError(`${field} must be a JSON string or an object`);
}

function reasoningOf(message: Record<string, unknown>, at: string): string | null {
  for (const key of ["reasoning_content", "reasoning"]) {
    const value = message[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") throw new FieldError(`${at}.${key} must be a string`);
    return value;
  }
  return null;
}

/** The legacy `function` message answers the latest unanswered `function_call` of that name (else the latest one). */
function takeLegacyCall(pending: TToolCall[], name: unknown): TToolCall | null {
  let at = pending.findLastIndex((call) => call.name === name);
  if (at === -1) at = pending.length - 1;
  if (at === -1) return null;
  return pending.splice(at, 1)[0]!;
}

function weightLoss(weight: unknown, field: string): boolean | null {
  if (weight === undefined || weight === null) return null;
  if (weight !== 0 && weight !== 1) throw new FieldError(`${field} must be 0 or 1`);
  return weight === 1;
}

export const openai = makeReader("openai", (head) => Array.isArray(head.firstRecord?.messages), mapOpenAI);
