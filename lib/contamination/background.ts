/**
 * Starts a run and works it in this process, in the background (like bulk
 * review actions): the web app answers at once and the UI polls progress.
 * CLI workers can join the same run meanwhile.
 */
import type { TActor } from "@/lib/access/actor";
import { createRun, workRun, type TRun, type TRunInput } from "./run";

export async function startRunInBackground(actor: TActor, testSet: string | number, params: TRunInput): Promise<TRun> {
  const run = await createRun(actor, testSet, params);
  void workRun(actor, run.id).catch((error: unknown) => console.error(`contamination run ${run.id} failed`, error));
  return run;
}
