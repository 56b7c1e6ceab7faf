/**
 * The whole check in memory, for tests and small inputs: the database runner
 * (run.ts) does the same with training text streamed from PostgreSQL.
 */
import { checkParams, type TCheckParams } from "./params";
import { Scanner, type TTrajectoryResult } from "./scan";
import { scoreItems, type TItemResult } from "./score";
import { buildTestIndex, type TTestItemInput } from "./test-index";

export type TTrainingTrajectory = { id: number; turns: readonly string[] };

export type TCheckResult = {
  params: TCheckParams;
  items: TItemResult[];
  trajectories: TTrajectoryResult[];
  /** Excluded template n-grams (normalised text) with how many items contain each. */
  templates: { text: string; items: number }[];
  itemTrajectories: Map<number, number[]>;
};

export function checkInMemory(
  testItems: readonly TTestItemInput[],
  training: Iterable<TTrainingTrajectory>,
  input: Partial<TCheckParams> = {},
): TCheckResult {
  const params = checkParams(input);
  const index = buildTestIndex(testItems, params);
  const scanner = new Scanner(index, params);
  const trajectories: TTrajectoryResult[] = [];
  for (const t of training) {
    scanner.begin(t.id);
    for (const turn of t.turns) scanner.turn(turn);
    trajectories.push(scanner.end());
  }
  return {
    params,
    items: scoreItems(index, scanner.matched, params),
    trajectories,
    templates: templateList(index),
    itemTrajectories: scanner.itemTrajectories,
  };
}

export function templateList(index: ReturnType<typeof buildTestIndex>): { text: string; items: number }[] {
  return [...index.templateText.entries()]
    .map(([g, text]) => ({ text, items: index.ngramItemCount[g]! }))
    .sort((a, b) => b.items - a.items || a.text.localeCompare(b.text));
}
