/**
 * Where the task turn (the instruction of this trajectory) sits.
 *
 * AgentInstruct conversations open with a fixed prefix — the task prompt as a
 * user turn, an "Ok." acknowledgement, sometimes a whole worked example — and
 * then the task turn. Files from other sources differ (AgentBench histories,
 * FireAct, ShareGPT, NAT rows that open with the assistant, empty lists), so
 * the first rule that applies decides:
 *
 *  1. Loss flags. If some assistant turn has `loss === true`, the trained
 *     steps start there; the task turn is the last user turn before it. If no
 *     user turn precedes it (NAT stores no question), there is no task turn.
 *  2. Task hint. If the task's grammar knows how its task turn opens (os:
 *     "Now, I will start a new problem", alfworld: "Here is your task"), the
 *     first user turn opening that way and followed by an assistant turn. This
 *     finds the task turn behind an AgentBench worked example.
 *  3. Known index (os 6, db/alfworld/webshop 2, kg 18, mind2web/hotpotqa 0,
 *     counted after leading system turns) when it fits: the prefix before it
 *     alternates user/assistant starting with user, the turn there is a user
 *     turn, an assistant turn follows it, and the prefix looks like the fixed
 *     one: the first user turn carries the task's prompt marker (the prompt
 *     describes the action grammar: db "Action: Operation", os "Act: bash",
 *     kg "get_relations", webshop "click[", alfworld "ACTION:") or the first
 *     assistant turn is a short acknowledgement with no action ("Ok.").
 *     Without that check a plain 4-turn db conversation would take its first
 *     observation for the task turn.
 *  4. The first non-system turn, when it is a user turn.
 *  5. Otherwise (empty, only system turns, or the conversation opens with an
 *     assistant turn) there is no task turn.
 * Tool results (user turns with toolCallIds) are never the task turn.
 *
 * Everything before the task turn is prefix.
 */
import { stripControlSequences } from "./control";
import type { TRawTurn, TTaskGrammar } from "./types";

/** How many leading characters a hint is tested on (observations can be 100 KB). */
const HINT_WINDOW = 200;
/** How much of the first user turn is searched for the prompt marker. */
const PROMPT_WINDOW = 20_000;
/** An acknowledgement ("Ok.", "I've understood your instruction, start please.") is short. */
const ACK_MAX_CHARS = 200;

function looksLikeFixedPrefix(grammar: TTaskGrammar, turns: readonly TRawTurn[], start: number): boolean {
  const prompt = turns[start];
  if (prompt && grammar.promptMarker?.test(prompt.text.slice(0, PROMPT_WINDOW))) return true;
  const ack = turns[start + 1];
  if (!ack || ack.role !== "assistant" || ack.text.length > ACK_MAX_CHARS) return false;
  return grammar.parseStep(stripControlSequences(ack.text)).action === null;
}

export function findTaskTurn(grammar: TTaskGrammar, turns: readonly TRawTurn[]): number | null {
  // 1. loss flags
  const trained = turns.findIndex((t) => t.role === "assistant" && t.loss === true);
  if (trained !== -1) {
    for (let i = trained - 1; i >= 0; i--) if (isUserTurn(turns[i])) return i;
    return null;
  }

  let start = 0;
  while (start < turns.length && turns[start]?.role === "system") start++;
  if (start >= turns.length) return null;

  // 2. task hint
  const hint = grammar.taskTurnHint;
  if (hint) {
    for (let i = start; i < turns.length - 1; i++) {
      const turn = turns[i] as TRawTurn;
      if (turn.role !== "user" || turns[i + 1]?.role !== "assistant") continue;
      if (hint.test(turn.text.slice(0, HINT_WINDOW).trimStart())) return i;
    }
  }

  // 3. known index
  if (grammar.taskTurnIndex !== null) {
    const at = start + grammar.taskTurnIndex;
    if (turns[at]?.role === "user" && turns[at + 1]?.role === "assistant") {
      let alternates = true;
      for (let i = start; i < at; i++) {
        if (turns[i]?.role !== ((i - start) % 2 === 0 ? "user" : "assistant")) {
          alternates = false;
          break;
        }
      }
      if (alternates && (at === start || looksLikeFixedPrefix(grammar, turns, start))) return at;
    }
  }

  // 4./5. first turn after leading system turns
  return isUserTurn(turns[start]) ? start : null;
}

/** A user turn that is not a tool result (a tool result is never the task turn). */
function isUserTurn(turn: TRawTurn | undefined): boolean {
  return turn?.role === "user" && turn.toolCallIds === undefined;
}
