/**
 * `npm start`'s worker supervision with real child processes: a worker killed
 * with SIGKILL is started again (new pid, written to the pid file), one that
 * keeps dying is restarted less often, and stop() ends it with no restart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventually } from "@/testing/workers";
import { superviseWorker } from "./worker-supervisor";

const sleeper = () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
const terminate = async (child: ChildProcess) => {
  const done = exited(child);
  child.kill("SIGTERM");
  await done;
};

describe("superviseWorker", () => {
  it("starts a new worker after one is SIGKILLed, logging it, and stops for good on stop()", async () => {
    const pidFile = path.join(mkdtempSync(path.join(tmpdir(), "supervisor-")), "worker.pid");
    const lines: string[] = [];
    const supervisor = superviseWorker({ start: sleeper, log: (line) => lines.push(line), pidFile, restartDelayMs: 200 });
    const first = supervisor.current();
    expect(readFileSync(pidFile, "utf8").trim()).toBe(String(first.pid));

    first.kill("SIGKILL");
    const second = await eventually(async () => (supervisor.current() !== first ? supervisor.current() : undefined), 5_000, "a new worker");
    expect(second.pid).not.toBe(first.pid);
    expect(readFileSync(pidFile, "utf8").trim()).toBe(String(second.pid));
    expect(lines.join("\n")).toMatch(new RegExp(`worker \\(pid ${first.pid}\\) stopped \\(SIGKILL\\): starting a new one`));

    await supervisor.stop(terminate);
    expect(second.signalCode).toBe("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(supervisor.current()).toBe(second);
    expect(supervisor.restarts()).toBe(1);
    expect(existsSync(pidFile)).toBe(false);
  }, 20_000);

  it("waits longer each time a worker dies at once", async () => {
    const lines: string[] = [];
    const dying = () => spawn(process.execPath, ["-e", "process.exit(3)"], { stdio: "ignore" });
    const supervisor = superviseWorker({ start: dying, log: (line) => lines.push(line), restartDelayMs: 100, maxDelayMs: 400 });
    await eventually(async () => lines.length >= 4, 10_000, "four restarts");
    await supervisor.stop(terminate);
    const delays = lines.slice(0, 4).map((line) => Number(/in ([\d.]+) s/.exec(line)![1]));
    expect(delays).toEqual([0.1, 0.2, 0.4, 0.4]);
    expect(lines[0]).toContain("(exit 3)");
  }, 20_000);
});
