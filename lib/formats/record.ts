/**
 * Helpers shared by the format modules: field checks that name the field in
 * their error, turn lists, rewards, and the generic reader that runs a record
 * mapper over any container.
 */
import type { TRawTurn } from "@/lib/steps/types";
import { readContainer, type TRawRecord } from "./containers";
import { rewardFromText } from "./reward-text";
import { isPlainObject, readHead } from "./sniff";
import type {
  FormatReader,
  TContainer,
  THead,
  TFormatName,
  TNormalizedTrajectory,
  TReadItem,
  TReadOptions,
} from "./types";

/** A record that breaks the format; the message names the field. */
export class FieldError extends Error {}

export type TRecordMapper = (raw: TRawRecord) => TNormalizedTrajectory;

/** A FormatReader that also exposes its record mapper, so a caller that has
 *  already sniffed the container does not sniff it again. */
export type TFormatModule = FormatReader & { map: TRecordMapper };

/** Builds a FormatReader from a record mapper: detects the container from the
 *  content, then streams mapped records. */
export function makeReader(name: TFormatName, detect: (head: THead) => boolean, map: TRecordMapper): TFormatModule {
  return {
    name,
    detect,
    map,
    async *read(filePath: string, options: TReadOptions = {}): AsyncGenerator<TReadItem> {
      const { container } = await readHead(filePath);
      yield* readMapped(filePath, container, map, options);
    },
  };
}

/** Maps each record of a container, turns FieldErrors into error items and
 *  applies the shared reward-in-text step. */
export async function* readMapped(
  filePath: string,
  container: TContainer,
  map: TRecordMapper,
  options: TReadOptions = {},
): AsyncGenerator<TReadItem> {
  for await (const item of readContainer(filePath, container, options)) {
    yield item.kind === "error" ? item : mapRecord(item.value, map);
  }
}

export function mapRecord(raw: TRawRecord, map: TRecordMapper): TReadItem {
  try {
    if (!isPlainObject(raw.value)) throw new FieldError("the record must be a JSON object");
    return { kind: "trajectory", value: rewardFromText(map(raw)) };
  } catch (err) {
    if (!(err instanceof FieldError)) throw err;
    return { kind: "error", value: { line: raw.line, record: raw.record, message: err.message } };
  }
}

export function emptyTrajectory(raw: TRawRecord): TNormalizedTrajectory {
  return {
    line: raw.line,
    record: raw.record,
    externalId: raw.key,
    task: null,
    sourceModel: null,
    origin: null,
    reward: null,
    success: null,
    runStatus: null,
    turns: [],
    metadata: {},
  };
}

const ROLES: Record<string, TRawTurn["role"]> = {
  human: "user",
  user: "user",
  // environment replies are user turns; lib/steps tells observations apart
  observation: "user",
  environment: "user",
  env: "user",
  tool: "user",
  function: "user",
  gpt: "assistant",
  assistant: "assistant",
  agent: "assistant",
  model: "assistant",
  chatgpt: "assistant",
  system: "system",
};

/** Turns from a list of {from|role, value|content, loss?}. Text is kept byte
 *  for byte; anything that is not a string is an error naming the field. */
export function parseTurns(list: unknown, field: string): TRawTurn[] {
  if (!Array.isArray(list)) throw new FieldError(`field "${field}" must be a list of turns`);
  return list.map((turn: unknown, i) => parseTurn(turn, `${field}[${i}]`));
}

/** One {from|role, value|content, loss?} turn; `at` names it in errors (`messages[3]`). */
export function parseTurn(turn: unknown, at: string): TRawTurn {
  if (!isPlainObject(turn)) throw new FieldError(`${at} must be an object`);
  const roleKey = "from" in turn ? "from" : "role";
  const textKey = "value" in turn ? "value" : "content";
  const roleName = turn[roleKey];
  if (typeof roleName !== "string") throw new FieldError(`${at}.${roleKey} must be a string`);
  const role = Object.hasOwn(ROLES, roleName.toLowerCase()) ? ROLES[roleName.toLowerCase()] : undefined;
  if (role === undefined) throw new FieldError(`${at}.${roleKey} "${roleName}" is not a known role`);
  const text = turn[textKey];
  if (typeof text !== "string") throw new FieldError(`${at}.${textKey} must be a string`);
  return { role, text, loss: lossOf(turn.loss, `${at}.loss`) };
}

export function lossOf(value: unknown, field: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value;
  throw new FieldError(`${field} must be true, false or null`);
}

/** A reward as stored: booleans become 1/0, numbers are kept as they are. */
export function rewardOf(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new FieldError(`${field} must be a number or a boolean`);
}

/** A success flag stored as a boolean or 0/1. */
export function successOf(value: unknown, field: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value;
  if (value === 0 || value === 1) return value === 1;
  throw new FieldError(`${field} must be a boolean or 0/1`);
}

/** Success implied by a reward when the file states none: only the
 *  unambiguous ends (>= 1 full success, <= 0 failure); partial is unknown. */
export function successFromReward(reward: number | null): boolean | null {
  if (reward === null) return null;
  if (reward >= 1) return true;
  if (reward <= 0) return false;
  return null;
}

/** An id as a string: ids are strings or integers in the wild. */
export function idOf(value: unknown): string | null {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function without(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out;
}
