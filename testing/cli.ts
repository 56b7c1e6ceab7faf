import { spawn } from "node:child_process";

export type TCliRun = { code: number | null; out: string; err: string };

/** The real CLI (`bin/cli.ts`) as a child process, with extra environment; resolves when it exits. */
export function runCli(args: string[], env: Record<string, string>): Promise<TCliRun> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}
