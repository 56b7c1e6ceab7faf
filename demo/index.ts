export { writeDemoFiles, DEMO_DEFAULTS, type TDemoOptions, type TDemoFile, type TDemoResult, type TDemoQuirkRow } from "./generate";
export { writeBenchJsonl, BENCH_TASK_SHARES, type TBenchOptions } from "./bench";
export { writeToolBenchJsonl } from "./bench-tools";
export { buildTestSet, type TTestItem, type TTestLabel, type TTestItemKind } from "./test-set";
export { buildShareGptRows, type TShareGptRow } from "./general-sharegpt";
export { TASK_BUILDERS } from "./tasks";
export { DEMO_TASKS, type TAgentRow, type TDemoTask, type TDemoTurn, type TQuirk } from "./types";
export { Rng, rngFor, seedFrom } from "./random";
