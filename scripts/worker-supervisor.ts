/**
 * Keeps one worker process alive for `npm start`: a worker that dies (SIGKILL,
 * out of memory, a crash) is started again after a short delay, and the new
 * one picks up the dead one's jobs once the engine expires them. Its pid is
 * written to a file (<data dir>/worker.pid) so an operator (or a test) can find it.
 * A worker that keeps dying at once is restarted less and less often (up to
 * maxDelayMs), so a broken setup does not spin. stop() ends it for good.
 */
import type { ChildProcess } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";

export type TSupervisorOptions = {
  start: () => ChildProcess;
  log: (line: string) => void;
  pidFile?: string;
  restartDelayMs?: number;
  maxDelayMs?: number;
  /** A worker that lived this long before dying was healthy: the next restart waits the first delay again. */
  healthyAfterMs?: number;
};

export type TSupervisor = { current(): ChildProcess; restarts(): number; stop(stopChild: (child: ChildProcess) => Promise<void>): Promise<void> };

export function superviseWorker(options: TSupervisorOptions): TSupervisor {
  const firstDelay = options.restartDelayMs ?? 2000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const healthyAfter = options.healthyAfterMs ?? 30_000;
  let delay = firstDelay;
  let stopped = false;
  let restarts = 0;
  let timer: NodeJS.Timeout | null = null;
  let child: ChildProcess;

  const launch = () => {
    const startedAt = Date.now();
    child = options.start();
    if (options.pidFile && child.pid) writeFileSync(options.pidFile, `${child.pid}\n`);
    child.once("exit", (code, signal) => {
      if (stopped) return;
      delay = Date.now() - startedAt >= healthyAfter ? firstDelay : delay;
      options.log(`the worker (pid ${child.pid}) stopped (${signal ?? `exit ${code}`}): starting a new one in ${Math.round(delay / 100) / 10} s; its jobs go back to the queue`);
      timer = setTimeout(() => {
        timer = null;
        if (stopped) return;
        restarts += 1;
        launch();
      }, delay);
      delay = Math.min(maxDelay, delay * 2);
    });
  };
  launch();

  return {
    current: () => child,
    restarts: () => restarts,
    async stop(stopChild) {
      stopped = true;
      if (timer) clearTimeout(timer);
      await stopChild(child);
      if (options.pidFile) rmSync(options.pidFile, { force: true });
    },
  };
}
