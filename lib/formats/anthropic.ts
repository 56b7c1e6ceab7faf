/**
 * Anthropic Messages logs: `{system?, messages: [{role, content}], tools?}` where
 * `content` is a string or a list of blocks. An assistant message becomes one
 * turn: its text blocks (joined by "\n") are the text, `thinking` blocks the
 * reasoning, `tool_use` blocks the calls (parallel calls stay in one turn;
 * `input` is JSON.stringify'd, a string input kept as written). A user message
 * becomes one turn per `tool_result` (the result, linked by `tool_use_id`) and
 * one turn for its text blocks. Missing ids: a call gets `call_<message>_<n>`, a
 * result the id of the call at its position in the previous assistant message.
 * Results flagged `is_error` are listed by call id in metadata.toolErrors.
 */
import type { TRawTurn, TToolCall } from "@/lib/steps/types";
import type { TRawRecord } from "./containers";
import { fillOutcome, outcomeMetadata } from "./outcome";
import { emptyTrajectory, FieldError, makeReader, without } from "./record";
import { isPlainObject } from "./sniff";
import { toolDeclarations } from "./tool-declarations";
import type { THead, TNormalizedTrajectory } from "./types";

type TBlock = Record<string, unknown>;

export function mapAnthropic(raw: TRawRecord): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  if (!Array.isArray(rec.messages)) throw new FieldError(`field "messages" must be a list of messages`);
  const t = emptyTrajectory(raw);
  const toolErrors: string[] = [];
  let redacted = 0;
  const system = systemText(rec.system);
  if (system !== null) t.turns.push({ role: "system", text: system, loss: null });
  let previousCalls: TToolCall[] = [];

  rec.messages.forEach((message: unknown, m) => {
    const at = `messages[${m}]`;
    if (!isPlainObject(message)) throw new FieldError(`${at} must be an object`);
    const { role, content } = message;
    if (role === "system") {
      t.turns.push({ role: "system", text: textOf(content, `${at}.content`), loss: null });
    } else if (role === "assistant") {
      const turn = assistantTurn(content, at, m);
      redacted += turn.redacted;
      t.turns.push(turn.turn);
      previousCalls = turn.turn.toolCalls ?? [];
    } else if (role === "user") {
      t.turns.push(...userTurns(content, at, previousCalls, toolErrors));
    } else {
      throw new FieldError(`${at}.role ${JSON.stringify(role)} is not a known role (user, assistant, system)`);
    }
  });

  const outcome = fillOutcome(t, rec, raw.key);
  t.tools = toolDeclarations(rec.tools, "tools");
  t.metadata = {
    ...without(rec, ["messages", "system", "tools", "task", ...outcome.consumed]),
    ...outcomeMetadata(outcome),
    ...(toolErrors.length > 0 ? { toolErrors } : {}),
    ...(redacted > 0 ? { redactedThinkingBlocks: redacted } : {}),
  };
  return t;
}

function systemText(system: unknown): string | null {
  if (system === undefined || system === null) return null;
  return textOf(system, "system");
}

function blocksOf(content: unknown, at: string): TBlock[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  if (!Array.isArray(content)) throw new FieldError(`${at} must be a string or a list of content blocks`);
  return content.map((block, i) => {
    if (!isPlainObject(block) || typeof block.type !== "string") throw new FieldError(`${at}[${i}] must be a block with a "type"`);
    return block;
  });
}

/** Text of a string or a list of text blocks (system prompts, tool results). */
function textOf(content: unknown, at: string): string {
  return blocksOf(content, at)
    .map((block, i) => blockText(block, `${at}[${i}]`))
    .join("\n");
}

function blockText(block: TBlock, at: string): string {
  if (block.type !== "text") throw new FieldError(`${at}: a "${String(block.type)}" block cannot be imported here (only text)`);
  if (typeof block.text !== "string") throw new FieldError(`${at}.text must be a string`);
  return block.text;
}

function assistantTurn(content: unknown, at: string, m: number): { turn: TRawTurn; redacted: number } {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const calls: TToolCall[] = [];
  let redacted = 0;
  blocksOf(content, `${at}.content`).forEach((block, i) => {
    const where = `${at}.content[${i}]`;
    if (block.type === "text") texts.push(blockText(block, where));
    else if (block.type === "thinking") {
      if (typeof block.thinking !== "string") throw new FieldError(`${where}.thinking must be a string`);
      if (block.thinking !== "") thoughts.push(block.thinking);
    } else if (block.type === "redacted_thinking") redacted++; // encrypted: nothing readable to keep
    else if (block.type === "tool_use") calls.push(toolUse(block, where, `call_${m}_${calls.length}`));
    else throw new FieldError(`${where}: a "${block.type}" block cannot be imported (text, thinking, tool_use)`);
  });
  const turn: TRawTurn = { role: "assistant", text: texts.join("\n"), loss: null };
  if (thoughts.length > 0) turn.reasoning = thoughts.join("\n");
  if (calls.length > 0) turn.toolCalls = calls;
  return { turn, redacted };
}

function toolUse(block: TBlock, at: string, fallbackId: string): TToolCall {
  if (typeof block.name !== "string" || block.name === "") throw new FieldError(`${at}.name must be a non-empty string`);
  const id = typeof block.id === "string" && block.id !== "" ? block.id : fallbackId;
  const input = block.input ?? {};
  return { id, name: block.name, arguments: typeof input === "string" ? input : JSON.stringify(input) };
}

/** A user message: one observation turn per tool_result, one user turn per run of text blocks, in block order. */
function userTurns(content: unknown, at: string, previousCalls: TToolCall[], toolErrors: string[]): TRawTurn[] {
  const turns: TRawTurn[] = [];
  let texts: string[] = [];
  const flush = () => {
    if (texts.length > 0) turns.push({ role: "user", text: texts.join("\n"), loss: null });
    texts = [];
  };
  let results = 0;
  blocksOf(content, `${at}.content`).forEach((block, i) => {
    const where = `${at}.content[${i}]`;
    if (block.type !== "tool_result") {
      texts.push(blockText(block, where));
      return;
    }
    flush();
    const id = typeof block.tool_use_id === "string" && block.tool_use_id !== "" ? block.tool_use_id : previousCalls[results]?.id;
    results++;
    const text = block.content === undefined || block.content === null ? "" : textOf(block.content, `${where}.content`);
    if (block.is_error === true && id !== undefined) toolErrors.push(id);
    turns.push({ role: "user", text, loss: null, toolCallIds: id === undefined ? [] : [id] });
  });
  flush();
  return turns;
}

const ANTHROPIC_BLOCKS = new Set(["tool_use", "tool_result", "thinking", "redacted_thinking"]);

/** Messages plus something only Anthropic writes: its block types, `input_schema` tools, or a top-level system prompt. */
export function looksAnthropic(rec: Record<string, unknown> | null): boolean {
  if (rec === null || !Array.isArray(rec.messages)) return false;
  const blocks = rec.messages.some(
    (m) => isPlainObject(m) && Array.isArray(m.content) && m.content.some((b) => isPlainObject(b) && ANTHROPIC_BLOCKS.has(String(b.type))),
  );
  const schemaTools = Array.isArray(rec.tools) && rec.tools.some((tool) => isPlainObject(tool) && "input_schema" in tool);
  const system = typeof rec.system === "string" || Array.isArray(rec.system);
  return blocks || schemaTools || system;
}

export const anthropic = makeReader("anthropic", (head: THead) => looksAnthropic(head.firstRecord), mapAnthropic);
