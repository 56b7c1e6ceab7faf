/** Pure transforms of the training-mix export: stored trajectory → exported record → preference pair. */
export { toExportRecord, exportRecordId, type TExportOptions } from "./to-export-record";
export { preferencePair } from "./preference";
export { exportLoss } from "./loss-mask";
export { stepWithThought, stepWithoutThought } from "./thought-edit";
export { promptWithoutCot, usesGenericCotRule, TASKS_WITH_COT_RULES } from "./prompt-rules";
