import { z } from "zod";
import { closeDb } from "@/lib/db/client";
import { describeZodError } from "@/lib/errors";
import { prepareDatabase } from "@/lib/db/prepare";
import { stopJobEngine } from "@/lib/jobs/engine";
import { demoCommand } from "./demo-command";
import { importCommand } from "./import-command";
import { userCommand } from "./user-command";
import { contaminationCommand } from "./contamination-command";
import { testsetCommand } from "./testset-command";
import { exportCommand } from "./export-command";
import { jobsCommand } from "./jobs-command";
import { isUsageError } from "./usage-error";

export type TCommand = {
  summary: string;
  usage: string;
  /** Returns the process exit code (0 done, 1 failed; a thrown UsageError gives 2). `as` is the --as / TS_USER email the command acts as. */
  run: (args: string[], as: string | undefined) => Promise<number>;
};

const COMMANDS: Record<string, TCommand> = {
  import: importCommand,
  demo: demoCommand,
  user: userCommand,
  testset: testsetCommand,
  contamination: contaminationCommand,
  export: exportCommand,
  jobs: jobsCommand,
};

function help(): string {
  const lines = Object.values(COMMANDS).map((command) => `  ${command.usage}\n      ${command.summary}`);
  return `usage: npm run cli -- <command> [options] [--as EMAIL]\n\ncommands:\n${lines.join("\n")}\n\n--as EMAIL (or TS_USER): the user the command acts as; its role decides what it may do.\n`;
}

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Runs one command against the database (DATABASE_URL, or the embedded server). */
export async function runCli(argv: string[]): Promise<number> {
  const { as, rest } = takeAsFlag(argv);
  const [name, ...args] = rest;
  if (!name || name === "help" || name === "--help") {
    process.stdout.write(help());
    return name ? 0 : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n${help()}`);
    return EXIT_USAGE;
  }
  let database: Awaited<ReturnType<typeof prepareDatabase>> | undefined;
  try {
    database = await prepareDatabase((line) => process.stderr.write(`${line}\n`));
    return await command.run(args, as);
  } catch (error) {
    const message = error instanceof z.ZodError ? describeZodError(error, "--") : error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    return isUsageError(error) ? EXIT_USAGE : EXIT_FAILURE;
  } finally {
    await stopJobEngine();
    await closeDb();
    await database?.stop();
  }
}

/** `--as EMAIL` may stand anywhere; TS_USER is its default. */
function takeAsFlag(argv: string[]): { as: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let as = process.env.TS_USER || undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--as") as = argv[++i];
    else if (arg.startsWith("--as=")) as = arg.slice(5);
    else rest.push(arg);
  }
  return { as, rest };
}
