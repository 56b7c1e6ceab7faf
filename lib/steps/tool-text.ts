/**
 * Tool calls written as text inside an assistant turn. The turn's raw text is
 * never changed; these functions only read calls, the reasoning and the visible
 * content out of it. Three syntaxes:
 *
 * - hermes (Hermes, Qwen): `<tool_call>{"name": .., "arguments": {..}}</tool_call>`,
 *   several = parallel calls, reasoning in a leading `<think>..</think>` (Qwen3's
 *   template may leave out the opening tag). A block cut off before
 *   `</tool_call>` runs to the end of the text. A body that is not JSON keeps its
 *   name (read with a pattern) and the raw text after `"arguments":`, so the
 *   invalid arguments are flagged rather than dropped.
 * - openhands (non-native function calling, SWE-smith): `<function=NAME>` with
 *   `<parameter=KEY>value</parameter>` children, up to `</function>` (OpenHands
 *   stops generation at `</function`, so a missing close runs to the end). The
 *   arguments are the JSON object of the parameters in order, values as strings
 *   with the one newline that puts a tag on its own line dropped at each end.
 *   The text before the first call is the thought.
 * - sweagent (SWE-agent, mini-swe-agent): a thought, then ONE fenced command
 *   block. The call is named "bash" with arguments {"command": <block body>}:
 *   SWE-agent's own commands (open, edit, submit, ...) are shell functions run
 *   by the same shell, so one `bash` tool is what a native export trains, and it
 *   matches mini-swe-agent and OpenHands' bash tool. The block runs from the
 *   first fence line to the last bare ``` line, so an edit that writes a
 *   fenced snippet stays inside the command. A leading `DISCUSSION` line or
 *   `THOUGHT:` label is dropped from the thought.
 *
 * Calls get ids `call_<turn>_<n>` (turn = index in the trajectory), the same
 * convention as the ShareGPT tool reader, stable across re-imports.
 */
import { textOrNull } from "./text";
import type { TCallSyntax, TToolCall } from "./types";

export type TTextSyntax = Exclude<TCallSyntax, "native">;

/** What an assistant turn's text holds: `calls` empty means a final answer (no call). */
export type TToolText = { thought: string | null; calls: TToolCall[]; content: string | null; syntax: TTextSyntax };

const THINK = /^\s*(?:<think>([\s\S]*?)<\/think>|([\s\S]*?)<\/think>)/;
const TOOL_CALL_OPEN = "<tool_call>";
const TOOL_CALL_CLOSE = "</tool_call>";
const FUNCTION_TAG = /<function=[^>\s]+>/;
/** Global, for matchAll only (matchAll copies lastIndex: never .test/.exec with it). */
const FUNCTION_OPEN = /<function=([^>\s]+)>/g;
const FUNCTION_CLOSE = "</function>";
const PARAMETER = /<parameter=([^>\s]+)>([\s\S]*?)(?:<\/parameter>|(?=<parameter=)|$)/g;
const OPEN_FENCE = /^```[\w+-]*\s*$/;
const CLOSE_FENCE = /^```\s*$/;
const SWE_LABEL = /^(?:DISCUSSION[ \t]*\n|THOUGHT:[ \t]*)/i;

/** The syntax whose tags a text carries (hermes or openhands), or null. SWE-agent's
 *  fenced block is too common in other text to be recognised here: readers mark it. */
export function detectTextSyntax(text: string): TTextSyntax | null {
  if (text.includes(TOOL_CALL_OPEN)) return "hermes";
  if (FUNCTION_TAG.test(text)) return "openhands";
  return null;
}

/** The calls in a text written in `syntax`, with its thought and visible content; null when it holds no call. */
export function readToolText(text: string, syntax: TTextSyntax, turnIndex: number): TToolText | null {
  const read = syntax === "hermes" ? readHermes : syntax === "openhands" ? readOpenHands : readSweAgent;
  const found = read(text, turnIndex);
  return found.calls.length === 0 ? null : { ...found, syntax };
}

/** A turn without calls in a record that writes its calls as text: its thought and its content (the answer). */
export function answerText(text: string, syntax: TTextSyntax): TToolText {
  if (syntax === "hermes") {
    const { thought, rest } = splitThink(text);
    return { thought, calls: [], content: textOrNull(rest), syntax };
  }
  return { thought: null, calls: [], content: textOrNull(text), syntax };
}

type TFound = Omit<TToolText, "syntax">;

function splitThink(text: string): { thought: string | null; rest: string } {
  const m = THINK.exec(text);
  if (!m) return { thought: null, rest: text };
  return { thought: textOrNull(m[1] ?? m[2] ?? ""), rest: text.slice(m[0].length) };
}

function readHermes(text: string, turnIndex: number): TFound {
  const { thought, rest } = splitThink(text);
  const calls: TToolCall[] = [];
  const outside: string[] = [];
  let at = 0;
  while (at < rest.length) {
    const open = rest.indexOf(TOOL_CALL_OPEN, at);
    if (open === -1) break;
    outside.push(rest.slice(at, open));
    const bodyStart = open + TOOL_CALL_OPEN.length;
    const close = rest.indexOf(TOOL_CALL_CLOSE, bodyStart);
    const body = rest.slice(bodyStart, close === -1 ? rest.length : close);
    at = close === -1 ? rest.length : close + TOOL_CALL_CLOSE.length;
    const call = hermesCall(body.trim(), `call_${turnIndex}_${calls.length}`);
    if (call) calls.push(call);
  }
  outside.push(rest.slice(at));
  return { thought, calls, content: textOrNull(outside.join("")) };
}

const NAME_PATTERN = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const ARGUMENTS_PATTERN = /"(?:arguments|parameters)"\s*:\s*/;

function hermesCall(body: string, id: string): TToolCall | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return brokenHermesCall(body, id);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const { name, arguments: args, parameters } = parsed as Record<string, unknown>;
  if (typeof name !== "string" || name === "") return null;
  const value = args ?? parameters ?? {};
  return { id, name, arguments: typeof value === "string" ? value : JSON.stringify(value) };
}

/** Cut-off or malformed JSON: the name by pattern, the arguments as the raw text after their key. */
function brokenHermesCall(body: string, id: string): TToolCall | null {
  const name = NAME_PATTERN.exec(body)?.[1];
  if (!name) return null;
  const key = ARGUMENTS_PATTERN.exec(body);
  let args = key ? body.slice(key.index + key[0].length).trimEnd() : "";
  if (args.endsWith("}") && countChar(args, "}") > countChar(args, "{")) args = args.slice(0, -1).trimEnd();
  let decoded = name;
  try {
    decoded = JSON.parse(`"${name}"`) as string;
  } catch {
    // keep the name as written
  }
  return { id, name: decoded, arguments: args };
}

function countChar(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

function readOpenHands(text: string, turnIndex: number): TFound {
  const starts = [...text.matchAll(FUNCTION_OPEN)];
  if (starts.length === 0) return { thought: null, calls: [], content: null };
  const calls: TToolCall[] = [];
  let end = 0;
  starts.forEach((match, n) => {
    const bodyStart = match.index + match[0].length;
    const next = starts[n + 1]?.index ?? text.length;
    const close = text.indexOf(FUNCTION_CLOSE, bodyStart);
    const bodyEnd = close !== -1 && close < next ? close : next;
    end = close !== -1 && close < next ? close + FUNCTION_CLOSE.length : next;
    const params: Record<string, string> = {};
    for (const p of text.slice(bodyStart, bodyEnd).matchAll(PARAMETER)) params[p[1]!] = trimTagNewlines(p[2] ?? "");
    calls.push({ id: `call_${turnIndex}_${n}`, name: match[1]!, arguments: JSON.stringify(params) });
  });
  return { thought: textOrNull(text.slice(0, starts[0]!.index)), calls, content: textOrNull(text.slice(end)) };
}

function trimTagNewlines(value: string): string {
  const start = value.startsWith("\r\n") ? 2 : value.startsWith("\n") ? 1 : 0;
  const stop = value.endsWith("\r\n") ? value.length - 2 : value.endsWith("\n") ? value.length - 1 : value.length;
  return start >= stop ? "" : value.slice(start, stop);
}

function readSweAgent(text: string, turnIndex: number): TFound {
  const lines = text.split("\n");
  const open = lines.findIndex((line) => OPEN_FENCE.test(line.trimEnd()));
  const close = lines.findLastIndex((line) => CLOSE_FENCE.test(line.trimEnd()));
  if (open === -1 || close <= open) return { thought: null, calls: [], content: null };
  const command = lines.slice(open + 1, close).join("\n");
  if (command.trim() === "") return { thought: null, calls: [], content: null };
  const before = lines.slice(0, open).join("\n").trimStart().replace(SWE_LABEL, "");
  return {
    thought: textOrNull(before),
    calls: [{ id: `call_${turnIndex}_0`, name: "bash", arguments: JSON.stringify({ command }) }],
    content: textOrNull(lines.slice(close + 1).join("\n")),
  };
}
