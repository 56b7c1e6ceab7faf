import type { TMixPlan } from "./plan";
import type { TRecipe } from "./recipe";

/** Within this, an effective eta or GPT-4 share is the one asked (rounding to whole samples). */
const SHARE_TOLERANCE = 0.005;

const count = (n: number) => n.toLocaleString("en");

function statusWords(statuses: readonly string[]): string {
  return statuses.length === 1 ? statuses[0]! : `${statuses.slice(0, -1).join(", ")} or ${statuses.at(-1)}`;
}

/** What would give the agent side more: accept more, or widen the statuses, or repeat short tasks. */
function agentRemedy(recipe: Pick<TRecipe, "inclusion" | "shares">): string {
  const remedies = ["accept more"];
  if (!recipe.inclusion.statuses.includes("pending")) remedies.push("include pending");
  if (recipe.shares.whenShort === "cap") remedies.push("allow repeats");
  return remedies.join(", ").replace(/, ([^,]*)$/, " or $1");
}

/**
 * When the plan cannot give the size, eta or GPT-4 share asked, say so in words
 * with the number that limits it ("only 35 accepted agent trajectories: accept
 * more or include pending"). Null when the plan gives what was asked.
 */
export function planShortfall(plan: TMixPlan, recipe: Pick<TRecipe, "inclusion" | "shares" | "size" | "eta">): string | null {
  const agentAvailable = plan.agent.reduce((sum, row) => sum + row.available, 0);
  const generalAvailable = plan.general.gpt4.available + plan.general.other.available;
  const agentLimit = `only ${count(agentAvailable)} ${statusWords(recipe.inclusion.statuses)} agent trajectories are eligible: ${agentRemedy(recipe)}`;
  const generalLimit = `only ${count(generalAvailable)} general conversations are eligible: import or accept more general data, or raise eta`;

  if (recipe.size.mode === "total" && plan.total < recipe.size.total) {
    const agentWanted = Math.round(recipe.size.total * recipe.eta);
    const why = plan.agentTotal < agentWanted ? agentLimit : generalLimit;
    return `You asked for ${count(recipe.size.total)} samples; this plan reaches ${count(plan.total)}, because ${why}.`;
  }
  if (plan.total > 0 && Math.abs(plan.eta.effective - plan.eta.requested) > SHARE_TOLERANCE) {
    return `You asked for eta ${plan.eta.requested}; this plan reaches ${plan.eta.effective.toFixed(3)}, because ${plan.eta.effective > plan.eta.requested ? generalLimit : agentLimit}.`;
  }
  if (plan.general.total > 0 && Math.abs(plan.gpt4Share.effective - plan.gpt4Share.requested) > SHARE_TOLERANCE) {
    const short = plan.gpt4Share.effective < plan.gpt4Share.requested ? plan.general.gpt4 : plan.general.other;
    const which = short === plan.general.gpt4 ? "GPT-4" : "GPT-3.5/other";
    return `You asked for a GPT-4 share of ${plan.gpt4Share.requested}; this plan reaches ${plan.gpt4Share.effective.toFixed(3)}, because only ${count(short.available)} ${which} conversations are eligible for the ${count(short.wanted)} wanted.`;
  }
  return null;
}
