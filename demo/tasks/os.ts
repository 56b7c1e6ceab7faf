/** The os task (AgentBench OS interaction): Think/Act steps with bash blocks. */
import { binaryReward } from "../rewards";
import { human, scripted, step } from "../turns";
import type { TDemoTurn, TEpisode, TEpisodeContext, TTaskBuilder } from "../types";
import { OS_TEMPLATES, TEST_ONLY_POOLS, TRAINING_POOLS, hugeLog, type TOsCommand } from "./os-problems";
import { osObservation } from "./terminal";

const OS_PROMPT = `You are an assistant that works inside a Linux (Ubuntu) shell, and I will play the operating system. Your goal is to carry out the operation I ask for, or to answer my question about the system.

In every turn, first think about what to do, then take exactly one of three actions.

1. To run a command, write:

Think: put your reasoning here.

Act: bash

\`\`\`bash
# one command or a short non-interactive script
\`\`\`

2. When you know the answer to my question, write:

Think: put your reasoning here.

Act: answer(put the answer inside these parentheses)

3. When the operation I asked for is done and there is nothing to answer, write:

Think: put your reasoning here.

Act: finish

Rules: always start with "Think:", take a single action per turn, never start interactive programs (vim, less, top), and keep the output short by filtering it (head, grep, wc) because long output is cut off. Each new problem starts in a fresh system.`;

const EXAMPLE_HOST = "3c1f9e2a7b10";
const TASK_LEAD = "Now, I will start a new problem in a new OS. My problem is:\n\n";

const OS_PREFIX: readonly TDemoTurn[] = [
  human(OS_PROMPT),
  scripted("Ok."),
  human(`${TASK_LEAD}How many regular files (not directories or links) are directly inside /etc?`),
  scripted(
    "Think: To count only regular files at the top level of /etc, I can use find with -maxdepth 1 and -type f, then count the lines.\n\nAct: bash\n\n```bash\nfind /etc -maxdepth 1 -type f | wc -l\n```",
  ),
  human(osObservation(EXAMPLE_HOST, ["142"])),
  scripted("Think: The command printed 142, so /etc directly contains 142 regular files.\n\nAct: answer(142)"),
];

function bashStep(command: TOsCommand, withAct = true): string {
  const act = withAct ? "Act: bash\n\n" : "";
  return `Think: ${command.think}\n\n${act}\`\`\`bash\n${command.cmd}\n\`\`\``;
}

const LOOP_THOUGHTS = [
  "Let me check that path first.",
  "That did not work. Let me try the same command again.",
  "Maybe it was a temporary problem; I will run it once more.",
  "I will try again.",
];

function build(ctx: TEpisodeContext): TEpisode {
  const { rng, quirk, detail } = ctx;
  const host = rng.hex(12);
  const template = rng.pick(OS_TEMPLATES);
  const failsByQuirk = quirk === "loop" || quirk === "format-error";
  const ok = ctx.reward >= 1 && !failsByQuirk;
  const plan = template.plan(rng, TRAINING_POOLS, ok, detail, host);
  const commands = [...plan.commands];

  if (quirk === "huge-observation") {
    commands.unshift({
      think: "Before anything else, let me read the whole system log to understand what is going on.",
      cmd: "cat /var/log/syslog",
      output: hugeLog(rng, host, 200_000),
    });
  }
  if (quirk === "loop") {
    const repeats = rng.int(3, 5);
    const loop = Array.from({ length: repeats }, (_, i) => ({
      ...plan.failing,
      think: LOOP_THOUGHTS[Math.min(i, LOOP_THOUGHTS.length - 1)] ?? plan.failing.think,
    }));
    commands.splice(0, commands.length, ...loop);
  }

  const formatErrorAt = quirk === "format-error" ? rng.int(0, commands.length - 1) : -1;
  const steps: TDemoTurn[] = [];
  commands.forEach((command, i) => {
    steps.push(step(bashStep(command, i !== formatErrorAt)));
    steps.push(human(osObservation(host, command.output)));
  });
  steps.push(step(quirk === "loop" ? giveUp(plan.final) : plan.final));

  return {
    taskTurn: `${TASK_LEAD}${plan.problem}`,
    steps,
    instruction: plan.problem,
    paraphrase: plan.paraphrase,
    reward: failsByQuirk ? 0 : undefined,
  };
}

function giveUp(final: string): string {
  return final.includes("Act: answer(")
    ? "Think: The command keeps failing, so I cannot get the value. I will answer 0.\n\nAct: answer(0)"
    : "Think: The command keeps failing; I will stop here.\n\nAct: finish";
}

export const osTask: TTaskBuilder = {
  task: "os",
  prefix: OS_PREFIX,
  quirks: ["format-error", "loop", "huge-observation"],
  drawReward: (rng) => binaryReward(rng, 0.66),
  build,
  templateOnlyQuestion: (rng) => rng.pick(OS_TEMPLATES).question(rng, TEST_ONLY_POOLS),
};
