import { z } from "zod";
import { closeDb } from "@/lib/db/client";
import { describeZodError } from "@/lib/errors";
import { prepareDatabase } from "@/lib/db/prepare";
import { demoCommand } from "./demo-command";
import { importCommand } from "./import-command";

export type TCommand = {
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run: (args: string[]) => Promise<number>;
};

const COMMANDS: Record<string, TCommand> = {
  import: importCommand,
  demo: demoCommand,
};

function help(): string {
  const lines = Object.values(COMMANDS).map((command) => `  ${command.usage}\n      ${command.summary}`);
  return `usage: npm run cli -- <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

/** Runs one command against the database (DATABASE_URL, or the embedded server). */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") {
    process.stdout.write(help());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n${help()}`);
    return 1;
  }
  let database: Awaited<ReturnType<typeof prepareDatabase>> | undefined;
  try {
    database = await prepareDatabase((line) => process.stderr.write(`${line}\n`));
    return await command.run(args);
  } catch (error) {
    const message = error instanceof z.ZodError ? describeZodError(error, "--") : error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    return 1;
  } finally {
    await closeDb();
    await database?.stop();
  }
}
