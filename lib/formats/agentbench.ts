/**
 * AgentBench v0.2 `runs.jsonl` rows:
 * `{"index": 3, "output": {"status", "result", "history": [{role: user|agent, content}]}, "time": {...}}`.
 * The task is not in the row: see taskFromFileName for the file/folder name.
 */
import type { TRawRecord } from "./containers";
import { emptyTrajectory, FieldError, idOf, makeReader, parseTurns, stringOrNull, successFromReward, without } from "./record";
import { isPlainObject } from "./sniff";
import type { TNormalizedTrajectory } from "./types";

export function mapAgentBench(raw: TRawRecord): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  const output = rec.output;
  if (!isPlainObject(output)) {
    const failed = typeof rec.error === "string" ? ` (the run failed: ${rec.error})` : "";
    throw new FieldError(`field "output" must be an object${failed}`);
  }
  const t = emptyTrajectory(raw);
  t.turns = parseTurns(output.history, "output.history");
  t.externalId = idOf(rec.index) ?? idOf(output.index) ?? raw.key;
  t.runStatus = stringOrNull(output.status);
  const { reward, success } = resultReward(output.result);
  t.reward = reward;
  t.success = success;
  // status and result stay in metadata: db and kg keep only a prediction there
  t.metadata = { ...without(rec, ["output", "index"]), output: without(output, ["history"]) };
  return t;
}

/** os and alfworld: `result.result` (bool or 0/1); webshop: `result.reward`
 *  (float). Anything else (db, kg predictions) is no reward. */
function resultReward(result: unknown): { reward: number | null; success: boolean | null } {
  if (!isPlainObject(result)) return { reward: null, success: null };
  const { reward, result: outcome } = result;
  if (typeof reward === "number" && Number.isFinite(reward)) return { reward, success: successFromReward(reward) };
  if (typeof outcome === "boolean") return { reward: outcome ? 1 : 0, success: outcome };
  if (outcome === 0 || outcome === 1) return { reward: outcome, success: outcome === 1 };
  return { reward: null, success: null };
}

export const agentbench = makeReader(
  "agentbench",
  (head) => {
    const output = head.firstRecord?.output;
    return isPlainObject(output) && Array.isArray(output.history);
  },
  mapAgentBench,
);
