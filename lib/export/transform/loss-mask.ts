/**
 * The loss flag each exported turn carries under a loss mask (record.ts
 * TLossMask). Trainers read it as "train on this turn".
 */
import type { TLossMask, TSourceTrajectory, TSourceTurn } from "../record";

export function exportLoss(turn: TSourceTurn, mask: TLossMask, kind: TSourceTrajectory["kind"]): boolean | null {
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
