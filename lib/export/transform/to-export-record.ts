/**
 * One stored trajectory → the record a trainer sees: thought variant, loss
 * mask, roles as every trainer format has them (observations are `user`).
 * Pure: the same input always gives the same record.
 */
import type { TExportRecord, TExportTurn, TLossMask, TSourceTrajectory, TSourceTurn, TThoughtVariant } from "../record";
import { exportLoss } from "./loss-mask";
import { usesGenericCotRule } from "./prompt-rules";
import { turnsForVariant } from "./thought-variant";

export type TExportOptions = { thoughts: TThoughtVariant; lossMask: TLossMask };

function exportRole(role: TSourceTurn["role"]): TExportTurn["role"] {
  return role === "observation" ? "user" : role;
}

/** `copy` counts repeats of the trajectory when sampled with replacement (1 = first). */
export function exportRecordId(externalId: string, copy: number): string {
  return copy >= 2 ? `${externalId}#${copy}` : externalId;
}

export function toExportRecord(source: TSourceTrajectory, options: TExportOptions, copy: number): TExportRecord {
  const kept = turnsForVariant(source, options.thoughts);
  const taskTurnIndex = kept.findIndex(({ turn }) => turn.isTaskTurn);
  return {
    id: exportRecordId(source.externalId, copy),
    trajectoryId: source.id,
    task: source.task,
    sourceModel: source.sourceModel,
    datasetName: source.datasetName,
    kind: source.kind,
    reward: source.reward,
    turns: kept.map(({ turn, text }) => ({
      role: exportRole(turn.role),
      text,
      loss: exportLoss(turn, options.lossMask, source.kind),
    })),
    taskTurnIndex: taskTurnIndex === -1 ? null : taskTurnIndex,
    genericCotRule: options.thoughts === "none" && source.kind === "agent" && usesGenericCotRule(source.task),
  };
}
