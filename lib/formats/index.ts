/** Public API of the file readers. */
export type * from "./types";
export {
  detectFormat,
  FORMAT_NAMES,
  formatFromHead,
  isFormatName,
  openTrajectories,
  readerFor,
  readJsonlRecords,
  readTrajectories,
} from "./detect";
export type { TDetected, TLineItem } from "./detect";
export { readHead } from "./sniff";
export { parseRewardText } from "./reward-text";
export { taskFromFileName, taskFromId, KNOWN_TASKS } from "./task";
export { splitReactText } from "./fireact";
export { outcomeMetadata, outcomeOf, REWARD_FIELDS, type TOutcome } from "./outcome";
export { toolDeclarations } from "./tool-declarations";
