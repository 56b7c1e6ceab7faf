import type { Rng } from "./random";

export type TDemoTask = "os" | "db" | "alfworld" | "webshop" | "kg" | "mind2web";

export const DEMO_TASKS: readonly TDemoTask[] = ["os", "db", "alfworld", "webshop", "kg", "mind2web"];

/** An AgentInstruct / AgentGym turn: `loss` null on human turns, false on
 *  scripted assistant turns (prefix), true on trained assistant steps. */
export type TDemoTurn = { from: "human" | "gpt"; value: string; loss: boolean | null };

/** One JSONL row as written (AgentGym style: reward and success top-level). */
export type TAgentRow = {
  item_id: string;
  conversations: TDemoTurn[];
  reward: number;
  success: 0 | 1;
  model: string;
  /** db only: where the instruction came from. */
  origin?: "task-derivation" | "self-instruct";
};

/**
 * Deliberate defects, each rare:
 * - format-error: one step matches none of its task's patterns
 * - loop: the same failed action 3+ times in a row
 * - empty-conversation: `conversations: []`
 * - starts-with-assistant: prefix and task turn missing, the first turn is a step
 * - html-in-page: webshop page text with raw `<b>`, `<img onerror>` or `<script>`
 * - long-trajectory: ~300 turns (only with includeHuge)
 * - huge-observation: one ~200 KB observation (only with includeHuge)
 */
export type TQuirk =
  | "format-error"
  | "loop"
  | "empty-conversation"
  | "starts-with-assistant"
  | "html-in-page"
  | "long-trajectory"
  | "huge-observation";

export type TEpisodeContext = {
  rng: Rng;
  /** Reward already drawn for this row; the content is written to fit it. */
  reward: number;
  quirk: TQuirk | null;
  /** Size knob: 1 for the demo; larger means longer listings, pages and result sets. */
  detail: number;
};

/** What a task builder produces for one trajectory (before the prefix is added). */
export type TEpisode = {
  /** The human turn placed right after the prefix. */
  taskTurn: string;
  /** Assistant steps and observations, alternating, starting and ending with gpt. */
  steps: TDemoTurn[];
  /** The instruction as a benchmark would store it (a substring of taskTurn). */
  instruction: string;
  /** The same request reworded so that no 10-gram matches the trajectory. */
  paraphrase: string;
  origin?: "task-derivation" | "self-instruct";
  /** Overrides the drawn reward (e.g. a format error makes the run fail). */
  reward?: number;
};

export type TTaskBuilder = {
  task: TDemoTask;
  /** Turns shared verbatim by every row of the task; the task turn sits at prefix.length. */
  prefix: readonly TDemoTurn[];
  quirks: readonly TQuirk[];
  drawReward(rng: Rng): number;
  build(ctx: TEpisodeContext): TEpisode;
  /** A test question in the task's template but with content never used in training rows. */
  templateOnlyQuestion(rng: Rng): string;
};
