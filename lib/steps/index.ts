/**
 * Step parsing for imported trajectories. See parse.ts (roles, prefix),
 * task-turn.ts (task turn rule), grammars/* (one module per task grammar),
 * loops.ts (repeated-action rule), control.ts and tokens.ts (shared text
 * normalisation for display and the contamination check).
 */
export type { TCallSyntax, TParsedTrajectory, TParsedTurn, TStepParse, TTaskGrammar, TToolCall, TToolDeclaration, TTurnRole } from "./types";
export { parseAssistantStep, parseTrajectory } from "./parse";
export { stripControlSequences, type TCarriageReturnMode } from "./control";
export { countWordTokens, wordTokens } from "./tokens";
export { canonicalTask, grammarFor, knownTasks } from "./tasks";
export { findTaskTurn } from "./task-turn";
export { findLoops, LOOP_MIN_REPEATS } from "./loops";
// tool-set.ts hashes with node:crypto: imported directly by server code, not re-exported to keep this index browser-safe
export type { TToolSet } from "./tool-set";
export { detectTextSyntax, readToolText, answerText, type TTextSyntax, type TToolText } from "./tool-text";
export { readTextCalls, recordSyntax, textCallStep, callsKey, type TTextCallRecord } from "./text-calls";
