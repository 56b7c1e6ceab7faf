import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { type TUngroundedSpan, ungroundedSpans, vocabularyOf } from "./grounding";

/**
 * For each assistant step, the spans of its current thought that rest on
 * nothing the agent could have seen: the prompt, the task turn, and the
 * observations before that step (the whole texts, not the page's previews).
 */
export async function groundingHints(actor: TActor, trajectoryId: string): Promise<Record<number, TUngroundedSpan[]>> {
  assertCan(actor, "trajectories:read");
  const turns = await pool().query<{ index: number; role: string; raw_text: string; thought: string | null; current_thought: string | null }>(
    "select index, role, raw_text, thought, current_thought from turns where trajectory_id = $1 order by index",
    [trajectoryId],
  );
  const seen = new Set<string>();
  const hints: Record<number, TUngroundedSpan[]> = {};
  for (const turn of turns.rows) {
    if (turn.role !== "assistant") {
      vocabularyOf(turn.raw_text, seen);
      continue;
    }
    const thought = turn.current_thought ?? turn.thought;
    if (thought) hints[turn.index] = ungroundedSpans(thought, seen);
  }
  return hints;
}
