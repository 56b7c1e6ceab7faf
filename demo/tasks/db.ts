/** The db task (AgentBench DBBench): unlabelled thought, then Action: Operation + ```sql, or Action: Answer. */
import { binaryReward } from "../rewards";
import { human, scripted, step } from "../turns";
import type { TDemoTurn, TEpisode, TEpisodeContext, TTaskBuilder } from "../types";
import { DB_KINDS, previewOperation, syntaxErrorOperation, unknownColumnOperation, type TDbOperation } from "./db-questions";
import { TEST_ONLY_SCHEMAS, TRAINING_SCHEMAS, tableLine } from "./db-schemas";

const DB_PROMPT = `I will ask you a question, and you will help me answer it by operating a MySQL database with SQL.
Before acting, explain the problem and your plan, and write down your reasoning.
After thinking it through, in every round you either run one SQL statement or give your answer.
To run SQL, write exactly:
Action: Operation
\`\`\`sql
SELECT * FROM table WHERE condition;
\`\`\`
Put the SQL in a markdown block with nothing else in it, on one line. Only one statement per round: I execute the first sql block and send you its raw output.
When you have the answer, write exactly:
Action: Answer
Final Answer: ["ANSWER1", "ANSWER2", ...]
Only use this pattern when you are sure; the answer must match the correct answer exactly.
If the question asks you to modify the database, the answer field can be anything once the change is done.
A reply that matches neither pattern counts as a failure.
What I send back is the raw MySQL response; interpret it yourself.`;

const DB_PREFIX: readonly TDemoTurn[] = [human(DB_PROMPT), scripted("Ok.")];

function operationStep(op: TDbOperation): string {
  return `${op.thought}\nAction: Operation\n\`\`\`sql\n${op.sql}\n\`\`\``;
}

function answerStep(thought: string, answers: readonly string[]): string {
  return `${thought}\nAction: Answer\nFinal Answer: [${answers.map((a) => JSON.stringify(a)).join(", ")}]`;
}

function build(ctx: TEpisodeContext): TEpisode {
  const { rng, quirk, detail } = ctx;
  const schema = rng.pick(TRAINING_SCHEMAS);
  const kind = rng.weighted(DB_KINDS);
  const failsByQuirk = quirk === "loop" || quirk === "format-error";
  const ok = ctx.reward >= 1 && !failsByQuirk;
  const plan = kind.plan(rng, schema, ok, detail);

  const operations: TDbOperation[] = [];
  if (plan.origin === "task-derivation" && (detail > 1.5 || rng.chance(0.3))) {
    operations.push(previewOperation(rng, schema, Math.max(2, Math.round(rng.int(2, 4) * detail)), plan.question));
  }
  if (rng.chance(0.15)) operations.push(unknownColumnOperation(schema, rng));
  if (quirk === "loop") {
    const failing = syntaxErrorOperation(schema);
    for (let i = rng.int(3, 5); i > 0; i--) operations.push(failing);
  } else {
    operations.push(...plan.operations);
  }

  const steps: TDemoTurn[] = [];
  for (const op of operations) steps.push(step(operationStep(op)), human(op.result));
  if (quirk === "format-error") {
    // Never reaches "Final Answer:": the model states the answer in prose.
    steps.push(step(`${plan.answerThought} So the answer is ${plan.answers.join(", ")}.`));
  } else if (quirk === "loop") {
    steps.push(step(answerStep("The query keeps failing, so I will give my best guess.", ["0"])));
  } else {
    steps.push(step(answerStep(plan.answerThought, plan.answers)));
  }

  const taskTurn = `${plan.question}\n${tableLine(schema)}`;
  return {
    taskTurn,
    steps,
    instruction: taskTurn,
    paraphrase: plan.paraphrase,
    origin: plan.origin,
    reward: failsByQuirk ? 0 : undefined,
  };
}

export const dbTask: TTaskBuilder = {
  task: "db",
  prefix: DB_PREFIX,
  quirks: ["format-error", "loop"],
  drawReward: (rng) => binaryReward(rng, 0.7),
  build,
  templateOnlyQuestion(rng) {
    const schema = rng.pick(TEST_ONLY_SCHEMAS);
    return `${rng.weighted(DB_KINDS).question(rng, schema)}\n${tableLine(schema)}`;
  },
};
