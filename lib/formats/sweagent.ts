/**
 * The Nebius SWE-agent release: `{instance_id, model_name, target, trajectory,
 * exit_status, generated_patch, eval_logs}` with `trajectory` a list of
 * `{role: system|user|ai, text, system_prompt, mask}`. The system turn's text is
 * its `system_prompt`; `mask` is the loss flag (true = trained); `target` the
 * verdict; `exit_status` the run's end state. Each `ai` turn is a thought and one
 * fenced command block: it is marked so lib/steps reads its call from the text
 * (fenced blocks are too common elsewhere to be read as calls unprompted).
 */
import type { TRawTurn } from "@/lib/steps/types";
import type { TRawRecord } from "./containers";
import { fillOutcome, outcomeMetadata } from "./outcome";
import { emptyTrajectory, FieldError, lossOf, makeReader, stringOrNull, without } from "./record";
import { isPlainObject } from "./sniff";
import type { THead, TNormalizedTrajectory } from "./types";

const ROLES: Record<string, TRawTurn["role"]> = { system: "system", user: "user", ai: "assistant", assistant: "assistant" };

export function mapSweAgent(raw: TRawRecord): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  const list = typeof rec.trajectory === "string" ? parseList(rec.trajectory) : rec.trajectory;
  if (!Array.isArray(list)) throw new FieldError(`field "trajectory" must be a list of turns`);
  const t = emptyTrajectory(raw);
  let cutoffDate: string | null = null;
  t.turns = list.map((turn: unknown, i) => {
    const at = `trajectory[${i}]`;
    if (!isPlainObject(turn)) throw new FieldError(`${at} must be an object`);
    const role = typeof turn.role === "string" && Object.hasOwn(ROLES, turn.role) ? ROLES[turn.role]! : undefined;
    if (role === undefined) throw new FieldError(`${at}.role ${JSON.stringify(turn.role)} is not a known role (system, user, ai)`);
    const key = role === "system" && typeof turn.system_prompt === "string" ? "system_prompt" : "text";
    const text = turn[key];
    if (typeof text !== "string") throw new FieldError(`${at}.${key} must be a string`);
    cutoffDate ??= stringOrNull(turn.cutoff_date);
    const out: TRawTurn = { role, text, loss: lossOf(turn.mask, `${at}.mask`) };
    if (role === "assistant") out.textCalls = "sweagent";
    return out;
  });

  const outcome = fillOutcome(t, rec, raw.key);
  t.runStatus = stringOrNull(rec.exit_status);
  t.metadata = {
    ...without(rec, ["trajectory", "task", "exit_status", ...outcome.consumed]),
    ...outcomeMetadata(outcome),
    ...(cutoffDate !== null ? { cutoffDate } : {}),
  };
  return t;
}

/** Some exports hold the list as a JSON string column. */
function parseList(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FieldError(`field "trajectory" must be a list of turns (it is a string that is not JSON)`);
  }
}

export function looksSweAgent(rec: Record<string, unknown> | null): boolean {
  const list = rec?.trajectory;
  return Array.isArray(list) && list.length > 0 && list.every((turn) => isPlainObject(turn) && typeof turn.role === "string" && ("text" in turn || "system_prompt" in turn));
}

export const sweagent = makeReader("sweagent", (head: THead) => looksSweAgent(head.firstRecord), mapSweAgent);
