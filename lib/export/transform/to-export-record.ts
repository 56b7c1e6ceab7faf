/**
 * One stored trajectory → the record a trainer sees: thought variant, loss
 * mask, roles as every trainer format has them (observations are `user`).
 * Pure: the same input always gives the same record.
 */
import type { TExportRecord, TExportTurn, TLossMask, TSourceTrajectory, TSourceTurn, TThoughtVariant, TToolCallMode } from "../record";
import { exportLoss } from "./loss-mask";
import { usesGenericCotRule } from "./prompt-rules";
import { turnsForVariant } from "./thought-variant";
import { isToolCalling, toolCallingTurns } from "./tool-turns";

/** toolCalls concerns tool-calling data only (default asImported). */
export type TExportOptions = { thoughts: TThoughtVariant; lossMask: TLossMask; toolCalls?: TToolCallMode };

function exportRole(role: TSourceTurn["role"]): TExportTurn["role"] {
  return role === "observation" ? "user" : role;
}

/** `copy` counts repeats of the trajectory when sampled with replacement (1 = first). */
export function exportRecordId(externalId: string, copy: number): string {
  return copy >= 2 ? `${externalId}#${copy}` : externalId;
}

function reactTurns(source: TSourceTrajectory, options: TExportOptions): { turns: TExportTurn[]; taskTurnIndex: number } {
  const kept = turnsForVariant(source, options.thoughts);
  const turns = kept.map(({ turn, text }): TExportTurn => ({
    role: exportRole(turn.role),
    text,
    loss: exportLoss(turn, options.lossMask, source.kind),
    reasoning: null,
    toolCalls: null,
    toolCallId: null,
  }));
  return { turns, taskTurnIndex: kept.findIndex(({ turn }) => turn.isTaskTurn) };
}

function toolTurns(source: TSourceTrajectory, options: TExportOptions): { turns: TExportTurn[]; taskTurnIndex: number } {
  const turns = toolCallingTurns(source, { ...options, toolCalls: options.toolCalls ?? "asImported" });
  // Tool-calling turns are never dropped: the task turn keeps its position.
  return { turns, taskTurnIndex: [...source.turns].sort((a, b) => a.index - b.index).findIndex((turn) => turn.isTaskTurn) };
}

export function toExportRecord(source: TSourceTrajectory, options: TExportOptions, copy: number): TExportRecord {
  const { turns, taskTurnIndex } = isToolCalling(source) ? toolTurns(source, options) : reactTurns(source, options);
  return {
    id: exportRecordId(source.externalId, copy),
    trajectoryId: source.id,
    task: source.task,
    sourceModel: source.sourceModel,
    datasetName: source.datasetName,
    kind: source.kind,
    reward: source.reward,
    tools: source.tools,
    turns,
    taskTurnIndex: taskTurnIndex === -1 ? null : taskTurnIndex,
    genericCotRule: options.thoughts === "none" && source.kind === "agent" && usesGenericCotRule(source.task),
  };
}
