/**
 * Tool-calling trajectories as the importers of issue 15 store them (turn columns tool_calls, tool_call_ids,
 * call_syntax; reasoning in `thought`), one per shape: native OpenAI calls (parallel calls, arguments with odd
 * spacing, unicode and one invalid JSON string), and calls written as text in the Hermes, OpenHands and SWE-agent
 * syntaxes. `sourceOf` gives the TSourceTrajectory the export reads; testing/tool-trajectories.ts stores them.
 */
import type { TToolDeclaration } from "@/lib/formats/types";
import type { TCallSyntax, TToolCall, TTurnRole } from "@/lib/steps/types";
import type { TSourceTrajectory } from "../../record";

/** A trajectory as the tool-calling importers store it, column by column (testing/tool-trajectories.ts inserts it). */
export type TFixtureTurn = {
  role: TTurnRole;
  rawText: string;
  thought?: string | null;
  action?: string | null;
  loss?: boolean | null;
  isPrefix?: boolean;
  isTaskTurn?: boolean;
  toolCalls?: TToolCall[] | null;
  toolCallIds?: string[];
  callSyntax?: TCallSyntax | null;
};

export type TFixtureTrajectory = {
  dataset: string;
  kind?: "agent" | "general";
  externalId: string;
  task?: string;
  reward?: number | null;
  status?: "accepted" | "pending" | "rejected";
  tools?: TToolDeclaration[] | null;
  turns: TFixtureTurn[];
};


export const TOOLS: TToolDeclaration[] = [
  { type: "function", function: { name: "bash", description: "Run a shell command", parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] } } },
  { type: "function", function: { name: "edit", description: "Replace text in a file", parameters: { type: "object", properties: { path: { type: "string" }, old: { type: "string" }, new: { type: "string" } } } } },
];

/** Arguments exactly as a file wrote them: spacing, key order, escapes and unicode that a re-serialisation would change. */
export const ARGS = {
  list: '{"command":  "ls -la /repo" }',
  edit: '{"path":"/repo/a.py","new":"x = 2  # ünïcode ☕ \\u00e9","old":"x = 1"}',
  broken: '{"command": "cat /repo/a.py"',
  search: '{"q": "weather in Paris"}',
  ls: '{"command": "ls"}',
  lsA: '{"command": "ls -a"}',
};

export const NATIVE: TFixtureTrajectory = {
  dataset: "swe-gym",
  externalId: "repo__issue-1",
  task: "swe",
  tools: TOOLS,
  turns: [
    { role: "system", rawText: "You are a coding agent. Think step by step before you act." },
    { role: "user", rawText: "Fix the off-by-one in a.py.", isTaskTurn: true },
    {
      role: "assistant",
      rawText: "",
      thought: "First look at the repository, then fix the constant.",
      toolCalls: [
        { id: "call_a", name: "bash", arguments: ARGS.list },
        { id: "call_b", name: "edit", arguments: ARGS.edit },
      ],
      callSyntax: "native",
    },
    { role: "observation", rawText: "a.py\nb.py", toolCallIds: ["call_a"] },
    { role: "observation", rawText: "edited", toolCallIds: ["call_b"] },
    {
      role: "assistant",
      rawText: "Let me check the file.",
      thought: "Verify the edit.",
      toolCalls: [{ id: "call_c", name: "bash", arguments: ARGS.broken }],
      callSyntax: "native",
    },
    { role: "observation", rawText: "error: invalid arguments", toolCallIds: ["call_c"] },
    { role: "assistant", rawText: "<think>\nIt is fixed.\n</think>\n\nDone: x is 2 now.", thought: "It is fixed." },
  ],
};

export const HERMES: TFixtureTrajectory = {
  dataset: "hermes-tools",
  externalId: "weather_1",
  task: "tools",
  tools: [{ type: "function", function: { name: "search", parameters: { type: "object", properties: { q: { type: "string" } } } } }],
  turns: [
    { role: "system", rawText: "You may call tools inside <tool_call></tool_call> tags." },
    { role: "user", rawText: "How warm is it in Paris?", isTaskTurn: true },
    {
      role: "assistant",
      rawText: `<think>I should search.</think>\n<tool_call>\n{"name": "search", "arguments": ${ARGS.search}}\n</tool_call>`,
      thought: "I should search.",
      toolCalls: [{ id: "call_2_0", name: "search", arguments: ARGS.search }],
      callSyntax: "hermes",
    },
    { role: "observation", rawText: '<tool_response>\n{"temp": 12}\n</tool_response>', toolCallIds: ["call_2_0"] },
    { role: "assistant", rawText: "<think>It is 12.</think>\nIt is 12 °C in Paris.", thought: "It is 12." },
  ],
};

export const OPENHANDS: TFixtureTrajectory = {
  dataset: "swe-smith",
  externalId: "smith__1",
  task: "swe",
  turns: [
    { role: "system", rawText: "You can call <function=bash> with <parameter=command>." },
    { role: "user", rawText: "List the repository files.", isTaskTurn: true },
    {
      role: "assistant",
      rawText: "Let me list the files.\n\n<function=bash>\n<parameter=command>ls</parameter>\n</function>",
      thought: "Let me list the files.",
      toolCalls: [{ id: "call_2_0", name: "bash", arguments: ARGS.ls }],
      callSyntax: "openhands",
    },
    // Unlinked result (the text format has no ids): native export answers the call left open.
    { role: "observation", rawText: "EXECUTION RESULT of [bash]:\na.py" },
    { role: "assistant", rawText: "<function=finish>\n</function>", toolCalls: [{ id: "call_4_0", name: "finish", arguments: "{}" }], callSyntax: "openhands" },
  ],
};

export const SWEAGENT: TFixtureTrajectory = {
  dataset: "nebius-swe-agent",
  externalId: "nebius__1",
  task: "swe",
  turns: [
    { role: "system", rawText: "Reply with a DISCUSSION and one command in a fenced block." },
    { role: "user", rawText: "Find hidden files.", isTaskTurn: true, loss: false },
    {
      role: "assistant",
      rawText: "DISCUSSION\nFirst I look at hidden files.\n\n```\nls -a\n```",
      thought: "DISCUSSION\nFirst I look at hidden files.",
      toolCalls: [{ id: "call_2_0", name: "bash", arguments: ARGS.lsA }],
      callSyntax: "sweagent",
      loss: true,
    },
    { role: "observation", rawText: ".git\na.py", toolCallIds: ["call_2_0"], loss: false },
  ],
};

export const ALL = [NATIVE, HERMES, OPENHANDS, SWEAGENT];

export function sourceOf(t: TFixtureTrajectory, id = 1): TSourceTrajectory {
  return {
    id,
    externalId: t.externalId,
    datasetName: t.dataset,
    kind: t.kind ?? "agent",
    task: t.task ?? "tools",
    sourceModel: null,
    reward: t.reward ?? 1,
    status: t.status ?? "accepted",
    instruction: t.turns.find((turn) => turn.isTaskTurn)?.rawText ?? "",
    tools: t.tools ?? null,
    turns: t.turns.map((turn, index) => ({
      index,
      role: turn.role,
      rawText: turn.rawText,
      thought: turn.thought ?? null,
      currentThought: null,
      thoughtVersion: 0,
      loss: turn.loss ?? null,
      isPrefix: turn.isPrefix ?? false,
      isTaskTurn: turn.isTaskTurn ?? false,
      isCritical: false,
      toolCalls: turn.toolCalls ?? null,
      toolCallIds: turn.toolCallIds ?? [],
      callSyntax: turn.callSyntax ?? null,
    })),
  };
}
