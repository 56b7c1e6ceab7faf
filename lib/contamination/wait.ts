/**
 * Waits for a queued check that the workers run, reporting its progress as
 * the run records it whenever it moves: what `contamination run --queue` prints.
 */
import type { TActor } from "@/lib/access/actor";
import { getRun, type TRun } from "./run";

export async function waitForRun(actor: TActor, runId: number, onProgress: (run: TRun) => void, pollMs = 500): Promise<TRun> {
  let last = "";
  for (;;) {
    const current = await getRun(actor, runId);
    const seen = `${current.state}/${current.doneTrajectories}`;
    if (seen !== last) {
      last = seen;
      onProgress(current);
    }
    if (current.state !== "running" && current.state !== "queued") return current;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
