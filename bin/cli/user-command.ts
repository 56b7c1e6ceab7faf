import { parseArgs } from "node:util";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { createFirstAdmin, createUser, userCount } from "@/lib/auth/users";
import { cliActor } from "./actor";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const userCommand: TCommand = {
  usage: "user add --email E --role admin|reviewer|viewer [--password P]",
  summary: "create an account; the password is read from stdin unless --password is given. The first account needs no --as and must be an admin",
  async run(args, as) {
    const [action, ...rest] = args;
    if (action !== "add") throw new UsageError('user: the action is "add"');
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
    });
    if (!values.email) throw new UsageError("--email: required");
    if (!values.role) throw new UsageError("--role: required (admin, reviewer or viewer)");
    const password = values.password ?? (await readStdin());
    if ((await userCount()) === 0) {
      if (values.role !== "admin") throw new Error("--role: the first account must be an admin");
      // Shell access to the database is already more than setup grants: the CLI issues its own code.
      await createFirstAdmin({ email: values.email, password, setupCode: await issueSetupCode() }, { requestId: null, ip: null });
    } else {
      await createUser(await cliActor(as), { email: values.email, password, role: values.role });
    }
    process.stdout.write(`created ${values.role} ${values.email.toLowerCase()}\n`);
    return 0;
  },
};

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("password: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString().replace(/\r?\n$/, "");
  if (!password) throw new Error("no password on stdin (pipe it in, or pass --password)");
  return password;
}
