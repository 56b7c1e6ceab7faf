import { assertCan, type TActor } from "@/lib/access/actor";
import type { TMixPlan } from "./plan";
import { previewPlan } from "./prepare";
import { parseRecipe } from "./recipe";

/** The form's live counts: what a recipe would draw from the data as it is now (nothing is stored). */
export async function previewExport(actor: TActor, input: unknown): Promise<TMixPlan> {
  assertCan(actor, "trajectories:read");
  const recipe = parseRecipe(input);
  return (await previewPlan(recipe)).plan;
}
