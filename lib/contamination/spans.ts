/**
 * Matched spans of one trajectory for the replay: per compared turn, the
 * character ranges covered by test n-grams (non-template) of a run, and the
 * test items they match. Recomputed on demand from the run's test set and
 * parameters (one trajectory is cheap), so nothing per span is stored.
 * Offsets refer to the turn's text with control sequences stripped
 * (stripControlSequences(raw_text)), which is what the replay shows, for
 * either tokenizer (BPE tokens are mapped back to characters in bpe.ts).
 * A native tool-calling turn is also compared on what it keeps beside its
 * text (lib/export/transform/trained-text.ts): its reasoning and each call's
 * arguments get their own `parts`, with the part's text, since the replay's
 * turn text does not contain them.
 */
import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import type { TCheckParams } from "./params";
import { scopeOf } from "./run-datasets";
import type { ContaminationRun } from "@/lib/generated/prisma/client";
import { reasoningBeside } from "@/lib/export/transform/trained-text";
import type { TCallSyntax, TToolCall, TTurnRole } from "@/lib/steps/types";
import { loadTestItems } from "./run";
import { buildTestIndex } from "./test-index";
import { tokenizerFor } from "./tokenizers";
import { ngramKeys } from "./tokenize";
import { comparedTurns, TRAINED_TEXT_COLUMNS } from "./training";

export type TMatchedSpan = { start: number; end: number; testItemIds: string[] };
/** Spans in what a native tool-calling turn keeps beside its text: the reasoning, or one call's arguments. */
export type TPartSpans = { part: "reasoning" | "arguments"; callId: string | null; toolName: string | null; text: string; spans: TMatchedSpan[] };
export type TTurnSpans = { turnIndex: number; spans: TMatchedSpan[]; parts: TPartSpans[] };
export type TTrajectorySpans = { runId: number; testSetName: string; turns: TTurnSpans[]; testItems: { id: string; task: string; text: string }[] } | null;

/**
 * Spans from the given run, or from the newest finished run that compared this
 * trajectory's dataset when none is given; null if there is no such run.
 */
export async function matchedSpans(actor: TActor, trajectoryId: string | number, runId?: number): Promise<TTrajectorySpans> {
  assertCan(actor, "trajectories:read");
  const compared = `(r.params->'datasets' is null or r.params->'datasets' @> jsonb_build_array(jsonb_build_object('id', (select dataset_id from trajectories where id = $1))))`;
  const run = await pool().query<Pick<ContaminationRun, "id" | "testSetId"> & { params: TCheckParams; name: string; compared: boolean }>(
    `select r.id, r.params, r.test_set_id as "testSetId", s.name, ${compared} as compared from contamination_runs r join test_sets s on s.id = r.test_set_id
      where ${runId ? "r.id = $2" : `r.state = 'finished' and ${compared}`} order by r.id desc limit 1`,
    runId ? [String(trajectoryId), runId] : [String(trajectoryId)],
  );
  const r = run.rows[0];
  if (!r) return null;
  // A run that did not compare this trajectory's dataset has nothing to show on it.
  if (!r.compared) return { runId: r.id, testSetName: r.name, turns: [], testItems: [] };
  const items = await loadTestItems(r.testSetId);
  const index = buildTestIndex(items, r.params);
  const scope = await scopeOf(r.params);
  const turns = await pool().query<{ index: number; role: TTurnRole; rawText: string; thought: string | null; toolCalls: TToolCall[] | null; callSyntax: TCallSyntax | null; nativeTrajectory: boolean }>(
    `select tu.index, ${TRAINED_TEXT_COLUMNS} from turns tu join trajectories t on t.id = tu.trajectory_id
      where tu.trajectory_id = $1 and ${comparedTurns("$2::int[]")} order by tu.index`,
    [String(trajectoryId), scope.generalIds],
  );
  const tokenizer = tokenizerFor(r.params.tokenizer);
  const n = index.n;
  const touched = new Set<number>();
  const spansOf = (text: string): TMatchedSpan[] => {
    const { hashes, starts, ends } = tokenizer.withOffsets(text);
    const keys = ngramKeys(hashes, n);
    const spans: { first: number; last: number; items: Set<number> }[] = [];
    for (let s = 0; s < keys.count; s++) {
      const g = index.lookup(keys.hi[s]!, keys.lo[s]!);
      if (g === -1 || index.template[g]) continue;
      const items = new Set<number>();
      for (let k = index.ngramItemStart[g]!; k < index.ngramItemStart[g + 1]!; k++) items.add(index.ngramItems[k]!);
      const last = spans[spans.length - 1];
      // Overlapping or touching windows merge into one span.
      if (last && last.last >= s - 1) {
        last.last = s + n - 1;
        for (const i of items) last.items.add(i);
      } else spans.push({ first: s, last: s + n - 1, items });
      for (const i of items) touched.add(i);
    }
    return spans.map((sp) => ({ start: starts[sp.first]!, end: ends[sp.last]!, testItemIds: [...sp.items].map((i) => index.items[i]!.id) }));
  };
  const out: TTurnSpans[] = [];
  for (const turn of turns.rows) {
    const spans = spansOf(turn.rawText);
    const parts: TPartSpans[] = [];
    // The SQL's flag covers turns without a syntax of their own; a native call turn is beside by its syntax.
    if (reasoningBeside(turn, turn.nativeTrajectory)) {
      const beside: Omit<TPartSpans, "spans">[] = [
        ...(turn.thought ? [{ part: "reasoning" as const, callId: null, toolName: null, text: turn.thought }] : []),
        ...(turn.toolCalls ?? []).map((call) => ({ part: "arguments" as const, callId: call.id, toolName: call.name, text: call.arguments })),
      ];
      for (const part of beside) {
        const found = spansOf(part.text);
        if (found.length > 0) parts.push({ ...part, spans: found });
      }
    }
    if (spans.length > 0 || parts.length > 0) out.push({ turnIndex: turn.index, spans, parts });
  }
  const testItems = [...touched].sort((a, b) => a - b).map((i) => ({ id: index.items[i]!.id, task: index.items[i]!.task, text: items[i]!.text }));
  return { runId: r.id, testSetName: r.name, turns: out, testItems };
}
