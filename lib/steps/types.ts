/**
 * Types of step parsing (lib/steps). Its input, `TRawTurn`, is defined here and
 * produced by the file readers (lib/formats): readers never interpret turn
 * content, this module does.
 */

/** A turn as the file has it (the readers' output, this module's input). Environment observations are still `user` here:
 *  lib/steps decides which user turns are observations. */
export type TRawTurn = {
  role: "system" | "user" | "assistant";
  text: string;
  /** AgentInstruct's loss flag: true, false, or null when absent. */
  loss: boolean | null;
  /** Assistant turns of tool-calling files: the calls the file stores as structure (OpenAI `tool_calls`,
   *  Anthropic `tool_use`, ShareGPT `function_call`), in file order. Absent for text-only turns. */
  toolCalls?: TToolCall[];
  /** Assistant turns: reasoning the file keeps beside the content (`reasoning_content`, `reasoning`, `thinking`). */
  reasoning?: string | null;
  /** Tool-result turns (`tool` / `function` / `observation` / `tool_result`): the call ids they answer.
   *  A user turn with this set is an observation. */
  toolCallIds?: string[];
  /** Set by a reader whose format writes calls as text in a syntax too common to recognise unprompted
   *  (SWE-agent's fenced command block): lib/steps reads this turn's call from its text. Hermes and
   *  OpenHands tags are recognised without it. */
  textCalls?: TCallSyntax;
};

/** One tool call. `arguments` is the text the file wrote (OpenAI's JSON string; for formats that store an
 *  object, such as Anthropic's `input`, its JSON.stringify), never re-serialised after import. */
export type TToolCall = { id: string; name: string; arguments: string };

/** A declared tool, normalised to the OpenAI function shape (what the readers produce and tool_sets stores). */
export type TToolDeclaration = { type: "function"; function: { name: string; description?: string; parameters?: Record<string, unknown> } };

/** How a turn's calls were written: structured in the file, or recognised in the assistant's text. */
export type TCallSyntax = "native" | "hermes" | "openhands" | "sweagent";

export type TTurnRole = "system" | "user" | "assistant" | "observation";

export type TParsedTurn = {
  index: number;
  role: TTurnRole;
  /** The turn text exactly as the file had it (terminal bytes and all). */
  rawText: string;
  loss: boolean | null;
  /** Before the task turn: fixed task prompt, acknowledgement, worked example. */
  isPrefix: boolean;
  isTaskTurn: boolean;
  thought: string | null;
  action: string | null;
  /** Display label of the action kind: bash, answer, finish, sql, search, click,
   *  tool, element, game, think, lookup, action (generic), ... */
  actionKind: string | null;
  /** Human-readable reason when an assistant step matches none of its task's
   *  patterns. Always null for prefix turns and for unknown tasks. */
  formatError: string | null;
  /** Part of a run of the same action repeated 3+ times in a row. */
  inLoop: boolean;
  /** Tool-calling steps: the calls (structured or recognised in the text); [] for ReAct steps and other roles. */
  toolCalls: TToolCall[];
  /** Tool-result observations: the ids of the calls answered; [] otherwise. */
  toolCallIds: string[];
  callSyntax: TCallSyntax | null;
};

export type TParsedTrajectory = {
  turns: TParsedTurn[];
  /** Task turn text, control sequences stripped, trimmed; "" without a task turn. */
  instruction: string;
  taskTurnIndex: number | null;
  /** Assistant turns after the prefix. */
  stepCount: number;
  formatErrorCount: number;
  /** Index of the first turn of the first loop, or null. */
  loopStartTurn: number | null;
  /** Word tokens (see wordTokens) over all turns, control sequences stripped. */
  tokenCount: number;
};

/** What a task grammar extracts from one assistant step. */
export type TStepParse = {
  thought: string | null;
  action: string | null;
  actionKind: string | null;
  formatError: string | null;
};

export type TTaskGrammar = {
  /** Canonical task name, also the prefix of its format-error messages. */
  name: string;
  /** Index of the task turn in AgentInstruct conversations (counted after any
   *  leading system turns); null when the task has no fixed prefix. */
  taskTurnIndex: number | null;
  /** Optional recogniser for the task turn's opening words, used when loss
   *  flags are absent (e.g. AgentBench runs whose history holds a worked example). */
  taskTurnHint?: RegExp;
  /** Optional marker of the task's fixed prompt (it describes the action
   *  grammar, e.g. db "Action: Operation"): lets the known index be trusted
   *  when the first user turn carries it. */
  promptMarker?: RegExp;
  /** Parses the control-sequence-stripped text of one assistant step. */
  parseStep(text: string): TStepParse;
};
