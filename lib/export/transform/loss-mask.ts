/**
 * The loss flag each exported turn carries under a loss mask (record.ts
 * TLossMask). Trainers read it as "train on this turn". Which turns a trainer
 * then learns from is also the training text a contamination check compares
 * (lib/contamination/training.ts), so that rule lives here once.
 */
import type { TLossMask, TSourceTrajectory, TSourceTurn } from "../record";

/** The mask of a recipe that names none (recipe.ts). */
export const DEFAULT_LOSS_MASK: TLossMask = "asImported";

/** What a mask reads of a turn. */
type TMaskedTurn = Pick<TSourceTurn, "role" | "loss" | "isPrefix" | "isCritical">;

export function exportLoss(turn: TMaskedTurn, mask: TLossMask, kind: TSourceTrajectory["kind"]): boolean | null {
  switch (mask) {
    case "asImported":
      return turn.loss;
    case "allAssistant":
      return turn.role === "assistant" && !turn.isPrefix;
    case "critical":
      // ShareGPT chat has no critical steps (reviewers mark them on agent
      // trajectories only): masking by them would train on nothing, so
      // general data keeps every assistant reply.
      if (kind === "general") return exportLoss(turn, "allAssistant", kind);
      return turn.role === "assistant" && turn.isCritical;
  }
}

/**
 * Whether a trainer learns from this turn of an export: its flag under the
 * mask, or, for a turn written without a flag, the trainers' default
 * (LLaMA-Factory, FastChat, OpenAI and TRL alike learn every assistant reply).
 */
export function isTrained(turn: TMaskedTurn, mask: TLossMask, kind: TSourceTrajectory["kind"]): boolean {
  return exportLoss(turn, mask, kind) ?? turn.role === "assistant";
}

/**
 * isTrained under DEFAULT_LOSS_MASK, as SQL over a `turns` row alias, for
 * checks that choose turns in PostgreSQL (lib/contamination/training.ts).
 * lib/contamination/trained-turns.test.ts keeps the two equal on every kind of turn.
 */
export function trainedByDefaultSql(alias: string): string {
  return `coalesce(${alias}.loss, ${alias}.role = 'assistant')`;
}
