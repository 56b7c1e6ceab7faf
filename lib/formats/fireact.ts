/**
 * FireAct trajectory files: one JSON object keyed by dataset index, each value
 * `{traj, reward, em, f1, gt, pred, question?}` where `traj` is a list of
 * {role, content} or ONE ReAct string (with `traj_by_line` beside it).
 */
import type { TRawRecord } from "./containers";
import {
  emptyTrajectory,
  FieldError,
  idOf,
  makeReader,
  parseTurns,
  rewardOf,
  stringOrNull,
  successFromReward,
  without,
} from "./record";
import type { TRawTurn } from "@/lib/steps/types";
import type { THead, TNormalizedTrajectory } from "./types";

export function mapFireAct(raw: TRawRecord): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  const t = emptyTrajectory(raw);
  t.turns = trajTurns(rec);
  t.externalId = idOf(rec.id) ?? raw.key;
  t.task = stringOrNull(rec.task);
  t.reward = rewardOf(rec.reward, "reward");
  t.success = typeof rec.reward === "boolean" ? rec.reward : successFromReward(t.reward);
  // traj_by_line only repeats traj: dropped to keep metadata small
  t.metadata = without(rec, ["traj", "traj_by_line", "reward", "id", "task"]);
  return t;
}

function trajTurns(rec: Record<string, unknown>): TRawTurn[] {
  const { traj, traj_by_line: byLine } = rec;
  if (Array.isArray(traj)) return parseTurns(traj, "traj");
  if (typeof traj === "string") return splitReactText(traj);
  if (traj === undefined && Array.isArray(byLine)) {
    const bad = byLine.findIndex((l) => typeof l !== "string");
    if (bad !== -1) throw new FieldError(`traj_by_line[${bad}] must be a string`);
    return splitReactText(byLine.join("\n"));
  }
  throw new FieldError(`field "traj" must be a list of turns or a string`);
}

const QUESTION_LINE = /^Question\s*\d*\s*:/;
const THOUGHT_LINE = /^Thought\s*\d*\s*:/;
const ACTION_LINE = /^Action\s*\d*\s*:/;
const OBSERVATION_LINE = /^Observation\s*\d*\s*:/;

/**
 * Splits a ReAct transcript into turns: everything up to the last `Question:`
 * line (instruction, worked examples, the question) is one user turn, each
 * `Thought n: ... / Action n: ...` block an assistant turn, each
 * `Observation n: ...` a user turn. Lines are never altered: joining the
 * turns' texts with "\n" gives back the input exactly.
 */
export function splitReactText(text: string): TRawTurn[] {
  const lines = text.split("\n");
  const lastQuestion = lines.findLastIndex((l) => QUESTION_LINE.test(l));
  const turns: Array<{ role: "user" | "assistant"; lines: string[]; hasAction: boolean }> = [];
  for (const [i, line] of lines.entries()) {
    const current = turns.at(-1);
    const inPrompt = i <= lastQuestion;
    const isThought = !inPrompt && THOUGHT_LINE.test(line);
    const isAction = !inPrompt && ACTION_LINE.test(line);
    if (!inPrompt && OBSERVATION_LINE.test(line)) {
      turns.push({ role: "user", lines: [line], hasAction: false });
    } else if (isThought || isAction) {
      // a new Thought after an Action starts the next step even without an observation between
      const newStep = current?.role !== "assistant" || (isThought && current.hasAction);
      if (newStep) turns.push({ role: "assistant", lines: [line], hasAction: isAction });
      else {
        current.lines.push(line);
        current.hasAction ||= isAction;
      }
    } else if (current === undefined) {
      turns.push({ role: "user", lines: [line], hasAction: false });
    } else {
      current.lines.push(line);
    }
  }
  return turns.map((turn) => ({ role: turn.role, text: turn.lines.join("\n"), loss: null }));
}

function hasTraj(head: THead): boolean {
  const rec = head.firstRecord;
  return rec !== null && ("traj" in rec || Array.isArray(rec.traj_by_line));
}

export const fireact = makeReader("fireact", hasTraj, mapFireAct);
