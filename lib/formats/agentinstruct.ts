/**
 * `conversations` records: AgentInstruct, AgentGym, ETO, NAT (role/content)
 * and ShareGPT general data. One mapper; ShareGPT differs only in that its ids
 * are random hashes, so no task is read from them.
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
  successOf,
  without,
} from "./record";
import { isPlainObject } from "./sniff";
import { hasKnownTaskId, taskFromId } from "./task";
import type { THead, TNormalizedTrajectory } from "./types";

/** Fields that become columns; everything else (gt, pred, meta, info, ...) goes to metadata. */
const OWN_KEYS = ["conversations", "id", "item_id", "model", "task", "origin", "reward", "success"];

export function mapConversations(raw: TRawRecord, inferTask: boolean): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  const meta = isPlainObject(rec.meta) ? rec.meta : {}; // ETO
  const info = isPlainObject(rec.info) ? rec.info : {}; // NAT
  const t = emptyTrajectory(raw);
  t.turns = parseTurns(conversationsOf(rec.conversations), "conversations");
  t.externalId = idOf(rec.id) ?? idOf(rec.item_id) ?? raw.key;
  // an explicit task field beats the id prefix: ids like `train_12` name no task
  t.task = stringOrNull(rec.task) ?? (inferTask ? taskFromId(t.externalId) : null);
  t.sourceModel = stringOrNull(rec.model);
  t.origin = stringOrNull(rec.origin);
  t.reward =
    rewardOf(rec.reward, "reward") ?? rewardOf(meta.reward, "meta.reward") ?? rewardOf(info.reward, "info.reward");
  t.success =
    successOf(rec.success, "success") ?? successOf(meta.success, "meta.success") ?? successFromReward(t.reward);
  t.runStatus = stringOrNull(meta.terminate_reason);
  t.metadata = without(rec, OWN_KEYS);
  return t;
}

/** Parquet files written by some tools hold the list as a JSON string column. */
function conversationsOf(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new FieldError(`field "conversations" must be a list of turns (it is a string that is not JSON)`);
  }
}

function hasConversations(head: THead): boolean {
  const c = head.firstRecord?.conversations;
  return Array.isArray(c) || typeof c === "string";
}

/** Agent data carries a loss flag, a reward, run metadata or a task id;
 *  ShareGPT general data has none of these. Decided on the first record. */
export function looksAgentic(rec: Record<string, unknown>): boolean {
  const turns = Array.isArray(rec.conversations) ? rec.conversations : [];
  return (
    turns.some((turn) => isPlainObject(turn) && "loss" in turn) ||
    ["reward", "success", "item_id", "meta", "info", "task"].some((k) => k in rec) ||
    hasKnownTaskId(idOf(rec.id))
  );
}

export const agentinstruct = makeReader(
  "agentinstruct",
  (head) => hasConversations(head) && looksAgentic(head.firstRecord ?? {}),
  (raw) => mapConversations(raw, true),
);

export const sharegpt = makeReader(
  "sharegpt",
  (head) => hasConversations(head) && !looksAgentic(head.firstRecord ?? {}),
  (raw) => mapConversations(raw, false),
);
