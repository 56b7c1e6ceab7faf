/**
 * Matched spans of one trajectory for the replay: per compared turn, the
 * character ranges covered by test n-grams (non-template) of a run, and the
 * test items they match. Recomputed on demand from the run's test set and
 * parameters (one trajectory is cheap), so nothing per span is stored.
 * Offsets refer to the turn's text with control sequences stripped
 * (stripControlSequences(raw_text)), which is what the replay shows.
 */
import { assertCan, type TActor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/client";
import type { TCheckParams } from "./params";
import { buildTestIndex } from "./test-index";
import { hashTokens, ngramKeys, tokensWithOffsets } from "./tokenize";
import { COMPARED_TURNS } from "./training";

export type TMatchedSpan = { start: number; end: number; testItemIds: string[] };
export type TTurnSpans = { turnIndex: number; spans: TMatchedSpan[] };
export type TTrajectorySpans = { runId: number; testSetName: string; turns: TTurnSpans[]; testItems: { id: string; task: string; text: string }[] } | null;

/** Spans from the given run, or from the newest finished run when none is given; null if there is no run. */
export async function matchedSpans(actor: TActor, trajectoryId: string | number, runId?: number): Promise<TTrajectorySpans> {
  assertCan(actor, "trajectories:read");
  const run = await pool().query<{ id: number; params: TCheckParams; test_set_id: number; name: string }>(
    `select r.id, r.params, r.test_set_id, s.name from contamination_runs r join test_sets s on s.id = r.test_set_id
      where ${runId ? "r.id = $1" : "r.state = 'finished'"} order by r.id desc limit 1`,
    runId ? [runId] : [],
  );
  const r = run.rows[0];
  if (!r) return null;
  const itemRows = await pool().query<{ external_id: string; task: string; text: string }>(
    `select external_id, task, text from test_set_items where test_set_id = $1 order by position`,
    [r.test_set_id],
  );
  const index = buildTestIndex(itemRows.rows.map((x) => ({ id: x.external_id, task: x.task, text: x.text })), r.params);
  const turns = await pool().query<{ index: number; raw_text: string }>(
    `select tu.index, tu.raw_text from turns tu where tu.trajectory_id = $1 and ${COMPARED_TURNS} order by tu.index`,
    [String(trajectoryId)],
  );
  const n = index.n;
  const touched = new Set<number>();
  const out: TTurnSpans[] = [];
  for (const turn of turns.rows) {
    const { tokens, starts, ends } = tokensWithOffsets(turn.raw_text);
    const keys = ngramKeys(hashTokens(tokens), n);
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
    if (spans.length === 0) continue;
    out.push({
      turnIndex: turn.index,
      spans: spans.map((sp) => ({ start: starts[sp.first]!, end: ends[sp.last]!, testItemIds: [...sp.items].map((i) => index.items[i]!.id) })),
    });
  }
  const testItems = [...touched].sort((a, b) => a - b).map((i) => ({ id: index.items[i]!.id, task: index.items[i]!.task, text: itemRows.rows[i]!.text }));
  return { runId: r.id, testSetName: r.name, turns: out, testItems };
}
