/**
 * Worker processes for tests: the real `scripts/worker.ts` as a child process
 * against the test file's database, with a fast supervisor and poll so a
 * killed worker's job comes back within seconds.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { getJob } from "@/lib/jobs/engine";

export type TTestWorker = { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<number | null> };

export function startTestWorker(env: Record<string, string>): TTestWorker {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, JOBS_SUPERVISE_SECONDS: "1", JOBS_POLL_SECONDS: "0.5", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (/ready: worker/.test(text)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${text}`)));
  });
  ready.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => text, ready, exited };
}

/** Polls until check() returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A job once the engine has settled it. A task's own record (an export, a bulk
 * action) ends in the handler's last transaction; the engine marks the job
 * completed a moment later, after the handler returns.
 */
export async function settledJob(kind: string, id: string, timeoutMs = 15_000): Promise<NonNullable<Awaited<ReturnType<typeof getJob>>>> {
  return eventually(async () => {
    const job = await getJob(kind, id);
    return job && !["created", "active", "retry"].includes(job.state) ? job : undefined;
  }, timeoutMs, `${kind} job ${id} to settle`);
}
