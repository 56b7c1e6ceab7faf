/**
 * Alpaca rows `{instruction, input, output}` as FireAct released its
 * fine-tune data: the question in `instruction` (sometimes `input`), the whole
 * ReAct run ("Thought: ... Action: search[...] Observation: ...") in `output`.
 * The instruction (with a non-empty input after a blank line, as Alpaca's own
 * prompt joins them) is the user turn; `output` is split into assistant steps
 * and observations, its lines unaltered.
 */
import type { TRawRecord } from "./containers";
import { splitReactText } from "./fireact";
import { emptyTrajectory, FieldError, idOf, makeReader, stringOrNull, without } from "./record";
import type { TRawTurn } from "@/lib/steps/types";
import type { THead, TNormalizedTrajectory } from "./types";

export function mapAlpaca(raw: TRawRecord): TNormalizedTrajectory {
  const rec = raw.value as Record<string, unknown>;
  const instruction = stringField(rec, "instruction");
  const output = stringField(rec, "output");
  const input = rec.input === undefined || rec.input === null ? "" : stringField(rec, "input");
  const t = emptyTrajectory(raw);
  t.turns = [{ role: "user", text: input === "" ? instruction : `${instruction}\n\n${input}`, loss: null }, ...outputTurns(output)];
  t.externalId = idOf(rec.id) ?? raw.key;
  t.task = stringOrNull(rec.task);
  // a non-empty input is kept as well, so the row can be told apart from an instruction holding both
  t.metadata = without(rec, ["instruction", "output", "id", "task", ...(input === "" ? ["input"] : [])]);
  return t;
}

function stringField(rec: Record<string, unknown>, field: string): string {
  const value = rec[field];
  if (typeof value !== "string") throw new FieldError(`field "${field}" must be a string`);
  return value;
}

/** The ReAct run as turns; text before the first step (or an output with no
 *  steps at all: plain Alpaca) is the assistant's too. */
function outputTurns(output: string): TRawTurn[] {
  if (output === "") return [];
  const turns = splitReactText(output);
  if (turns[0]?.role === "user") turns[0] = { ...turns[0], role: "assistant" };
  return turns;
}

function isAlpaca(head: THead): boolean {
  const rec = head.firstRecord;
  return rec !== null && typeof rec.instruction === "string" && typeof rec.output === "string";
}

export const alpaca = makeReader("alpaca", isAlpaca, mapAlpaca);
