import { removeDemo } from "@/demo/seed";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const demoCommand: TCommand = {
  usage: "demo remove",
  summary: "delete the demo datasets (they are not loaded again)",
  async run(args) {
    if (args[0] !== "remove") throw new UsageError('demo: the only action is "remove"');
    const removed = await removeDemo();
    process.stdout.write(`removed ${removed} demo datasets\n`);
    return 0;
  },
};
