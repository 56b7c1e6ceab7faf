/**
 * The import benchmark's tool-calling input: coding-agent runs in the OpenAI
 * chat shape SWE-Gym's OpenHands-sampled trajectories have (`messages` with
 * assistant `tool_calls` whose `arguments` are JSON strings, `tool` results,
 * `reasoning_content`, a per-row `tools` list, `resolved`, `instance_id`,
 * `run_id`, `model`). ~10 KB per row on average like the ReAct corpus
 * (100,000 rows ≈ 1 GB), so the two compare in MB/s and peak RSS.
 * All text is generated here; every row repeats one of three tool lists, as
 * real releases do; a few calls are parallel, a few arguments invalid JSON.
 */
import { type Rng, rngFor } from "./random";
import { withTextFile } from "./stream-writer";
import type { TBenchOptions } from "./bench";

const REPOS = ["acme/parser", "acme/httpkit", "lab/tensorlite", "lab/geo-utils", "org/cli-tools", "org/orm-lite"] as const;
const WORDS = [
  "config", "parser", "token", "buffer", "request", "handler", "schema", "cache", "index", "record", "stream", "value",
  "result", "error", "option", "module", "field", "offset", "length", "path", "query", "session", "header", "payload",
] as const;

const BASH = { type: "function", function: { name: "execute_bash", description: "Run a bash command in the repository's sandbox and return its output.", parameters: { type: "object", properties: { command: { type: "string", description: "The command to run." }, timeout: { type: "integer", minimum: 1 } }, required: ["command"] } } };
const EDITOR = {
  type: "function",
  function: {
    name: "str_replace_editor",
    description: "View, create and edit files: view shows a file with line numbers; str_replace replaces one exact occurrence of old_str.",
    parameters: { type: "object", properties: { command: { type: "string", enum: ["view", "create", "str_replace"] }, path: { type: "string" }, old_str: { type: "string" }, new_str: { type: "string" }, file_text: { type: "string" } }, required: ["command", "path"] },
  },
};
const SEARCH = { type: "function", function: { name: "search_code", description: "Search the repository for a regular expression.", parameters: { type: "object", properties: { pattern: { type: "string" }, glob: { type: "string" } }, required: ["pattern"] } } };
const FINISH = { type: "function", function: { name: "finish", description: "End the run when the issue is fixed.", parameters: { type: "object", properties: { message: { type: "string" } }, required: [] } } };
/** Three distinct tool lists (stored once each, whatever the row count). */
const TOOL_SETS = [[BASH, EDITOR, FINISH], [BASH, EDITOR, SEARCH, FINISH], [BASH, SEARCH, FINISH]] as const;

const SYSTEM = "You are a software engineering agent. Fix the issue described by the user in the repository at /workspace. Use the tools; think before each call; call finish when the tests pass.";

type TCall = { id: string; type: "function"; function: { name: string; arguments: string } };
type TMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; reasoning_content: string; tool_calls?: TCall[] }
  | { role: "tool"; tool_call_id: string; name: string; content: string };

const MIN_DETAIL = 0.3;
const MAX_DETAIL = 40;
const DEFICIT_SCALE_ROWS = 20;

export async function writeToolBenchJsonl(filePath: string, options: TBenchOptions): Promise<{ bytes: number; trajectories: number }> {
  const seed = options.seed ?? 1;
  const target = options.averageBytes ?? 10_000;
  const every = Math.max(1, options.progressEvery ?? 1000);
  const { bytes } = await withTextFile(filePath, async (w) => {
    let detail = 1;
    for (let i = 0; i < options.trajectories; i++) {
      await w.write(`${JSON.stringify(toolRow(rngFor(seed, "bench-tools", i), i, detail))}\n`);
      // Same byte-budget steering as the ReAct corpus (demo/bench.ts).
      const deficit = target * (i + 1) - w.bytes;
      detail = Math.min(MAX_DETAIL, Math.max(MIN_DETAIL, Math.exp(deficit / (target * DEFICIT_SCALE_ROWS))));
      if ((i + 1) % every === 0) options.onProgress?.(i + 1);
    }
    if (options.trajectories % every !== 0) options.onProgress?.(options.trajectories);
  });
  return { bytes, trajectories: options.trajectories };
}

/** One run: the issue, 3–8 steps of reasoning + call(s) + result(s), then finish. */
export function toolRow(rng: Rng, index: number, detail: number) {
  const repo = rng.pick(REPOS);
  const tools = rng.pick(TOOL_SETS);
  const file = `src/${rng.pick(WORDS)}/${rng.pick(WORDS)}.py`;
  const messages: TMessage[] = [
    { role: "system", content: SYSTEM },
    { role: "user", content: `Issue in ${repo}: ${sentence(rng, 12)} The ${rng.pick(WORDS)} is wrong when the ${rng.pick(WORDS)} is empty.` },
  ];
  const steps = rng.int(3, 8);
  let callNumber = 0;
  for (let step = 0; step < steps; step++) {
    const parallel = rng.chance(0.15) ? 2 : 1;
    const calls = Array.from({ length: parallel }, () => call(rng, index, callNumber++, tools, file));
    messages.push({ role: "assistant", content: rng.chance(0.3) ? sentence(rng, 8) : null, reasoning_content: sentence(rng, rng.int(10, 40)), tool_calls: calls });
    for (const made of calls) messages.push({ role: "tool", tool_call_id: made.id, name: made.function.name, content: output(rng, detail) });
  }
  const finish: TCall = { id: `call_${index}_${callNumber}`, type: "function", function: { name: "finish", arguments: JSON.stringify({ message: sentence(rng, 6) }) } };
  messages.push({ role: "assistant", content: null, reasoning_content: "The tests pass now.", tool_calls: [finish] });
  return { instance_id: `${repo.replace("/", "__")}-${1000 + index}`, run_id: `bench-${index % 7}`, model: "bench-agent-1", resolved: rng.chance(0.4), tools, messages };
}

function call(rng: Rng, index: number, number: number, tools: readonly { function: { name: string } }[], file: string): TCall {
  const name = rng.pick(tools.filter((tool) => tool.function.name !== "finish")).function.name;
  const args =
    name === "execute_bash" ? { command: `python -m pytest tests/test_${rng.pick(WORDS)}.py -q` }
    : name === "search_code" ? { pattern: `def ${rng.pick(WORDS)}_${rng.pick(WORDS)}` }
    : rng.chance(0.5) ? { command: "view", path: file }
    : { command: "str_replace", path: file, old_str: `return ${rng.pick(WORDS)}`, new_str: `return ${rng.pick(WORDS)} or None` };
  let text = JSON.stringify(args);
  // Real releases hold a few broken arguments (a cut-off string): the checks flag them.
  if (rng.chance(0.02)) text = text.slice(0, -3);
  return { id: `call_${index}_${number}`, type: "function", function: { name, arguments: text } };
}

/** A tool result: test output or file contents, its length following the byte budget. */
function output(rng: Rng, detail: number): string {
  const lines = Math.max(1, Math.round(rng.int(8, 30) * detail));
  const out: string[] = [];
  for (let line = 0; line < lines; line++) out.push(`${String(line + 1).padStart(4)}  ${rng.pick(WORDS)} = ${rng.pick(WORDS)}.${rng.pick(WORDS)}(${rng.int(0, 999)})`);
  return out.join("\n");
}

function sentence(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let word = 0; word < words; word++) out.push(rng.pick(WORDS));
  return `${out.join(" ")}.`;
}
