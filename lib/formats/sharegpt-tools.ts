/**
 * LLaMA-Factory's ShareGPT tool format: `{conversations, system?, tools?}` with
 * `from` = human / gpt / function_call / observation (and system). A
 * `function_call` turn is an assistant turn whose value is the JSON call
 * `{"name", "arguments"}` (arguments an object or a string), or a list of them
 * for parallel calls, optionally after a `<think>…</think>` block (the reasoning);
 * its text stays the value as written. The format has no
 * call ids: calls get `call_<turn>_<n>` (turn = position in `conversations`),
 * and an `observation` answers every call of the function_call turn before it.
 * `tools` is a JSON string (or a list) of `{name, description, parameters}`.
 */
import type { TRawTurn, TToolCall } from "@/lib/steps/types";
import type { TRawRecord } from "./containers";
import { fillOutcome, outcomeMetadata } from "./outcome";
import { emptyTrajectory, FieldError, lossOf, makeReader, without } from "./record";
import { isPlainObject } from "./sniff";
import { toolDeclarations } from "./tool-declarations";
import type { THead, TNormalizedTrajectory } from "./types";

const ROLES: Record<string, "system" | "user" | "assistant"> = {
  system: "system",
  human: "user",
  user: "user",
  gpt: "assistant",
  assistant: "assistant",
  function_call: "assistant",
  observation: "user",
  // Hermes-style ShareGPT rows write results as `tool` turns (calls as <tool_call> text, read by lib/steps)
  tool: "user",
  function: "user",
};

const RESULT_ROLES = new Set(["observation", "tool", "function"]);

export function mapShareGptTools(raw: TRawRecord): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  const list = typeof rec.conversations === "string" ? parseJson(rec.conversations, "conversations") : rec.conversations;
  if (!Array.isArray(list)) throw new FieldError(`field "conversations" must be a list of turns`);
  const t = emptyTrajectory(raw);
  if (rec.system !== undefined && rec.system !== null && rec.system !== "") {
    if (typeof rec.system !== "string") throw new FieldError(`field "system" must be a string`);
    t.turns.push({ role: "system", text: rec.system, loss: null });
  }
  let pending: TToolCall[] = [];
  list.forEach((turn: unknown, i) => {
    const at = `conversations[${i}]`;
    if (!isPlainObject(turn)) throw new FieldError(`${at} must be an object`);
    const from = turn.from ?? turn.role;
    const value = turn.value ?? turn.content;
    if (typeof from !== "string" || !Object.hasOwn(ROLES, from)) {
      throw new FieldError(`${at}.from ${JSON.stringify(from)} is not a known role (${Object.keys(ROLES).join(", ")})`);
    }
    if (typeof value !== "string") throw new FieldError(`${at}.value must be a string`);
    const raw: TRawTurn = { role: ROLES[from]!, text: value, loss: lossOf(turn.loss, `${at}.loss`) };
    if (from === "function_call") {
      const { reasoning, calls } = splitThinkBlock(value);
      raw.toolCalls = callsOf(calls, at, i);
      if (reasoning !== null) raw.reasoning = reasoning;
      pending = raw.toolCalls;
    } else if (RESULT_ROLES.has(from)) {
      // no structured call before it: the ids, if any, come from calls written as text
      if (pending.length > 0) raw.toolCallIds = pending.map((call) => call.id);
      pending = [];
    }
    t.turns.push(raw);
  });

  const outcome = fillOutcome(t, rec, raw.key);
  t.tools = toolDeclarations(rec.tools, "tools");
  t.metadata = { ...without(rec, ["conversations", "system", "tools", "task", ...outcome.consumed]), ...outcomeMetadata(outcome) };
  return t;
}

/** A leading `<think>…</think>` before the calls' JSON is the turn's reasoning, as LLaMA-Factory's
 *  FunctionFormatter reads it (and our conversations writer writes it); the rest is the calls. */
const THINK_BLOCK = /^\s*<think>\n?([\s\S]*?)\n?<\/think>\s*/;

function splitThinkBlock(value: string): { reasoning: string | null; calls: string } {
  const found = THINK_BLOCK.exec(value);
  return found ? { reasoning: found[1]!, calls: value.slice(found[0].length) } : { reasoning: null, calls: value };
}

function parseJson(text: string, at: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FieldError(`${at} must be JSON (a call {"name", "arguments"} or a list of them)`);
  }
}

function callsOf(value: string, at: string, turnIndex: number): TToolCall[] {
  const parsed = parseJson(value, `${at}.value`);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0) throw new FieldError(`${at}.value must name at least one call`);
  return list.map((call: unknown, n) => {
    const where = Array.isArray(parsed) ? `${at}.value[${n}]` : `${at}.value`;
    if (!isPlainObject(call) || typeof call.name !== "string" || call.name === "") {
      throw new FieldError(`${where} must be a call {"name", "arguments"} with a non-empty name`);
    }
    const args = call.arguments ?? call.parameters ?? {};
    return { id: `call_${turnIndex}_${n}`, name: call.name, arguments: typeof args === "string" ? args : JSON.stringify(args) };
  });
}

/** Conversations with a function_call or observation turn, or a `tools` field. A `tools: null` is no sign:
 *  our own conversations.jsonl writes it on every ReAct row (one schema per file), which reads back as AgentInstruct. */
export function looksShareGptTools(rec: Record<string, unknown> | null): boolean {
  if (rec === null) return false;
  const c = rec.conversations;
  if (!Array.isArray(c) && typeof c !== "string") return false;
  // our own export writes `tools: null` on every record without tools (one schema per file): only a declared list counts
  if (declaresTools(rec.tools)) return true;
  return Array.isArray(c) && c.some((turn) => isPlainObject(turn) && (turn.from === "function_call" || turn.from === "observation"));
}

function declaresTools(tools: unknown): boolean {
  if (typeof tools === "string") return tools.trim() !== "" && tools.trim() !== "[]" && tools.trim() !== "null";
  return Array.isArray(tools) && tools.length > 0;
}

export const sharegptTools = makeReader("sharegpt-tools", (head: THead) => looksShareGptTools(head.firstRecord), mapShareGptTools);
