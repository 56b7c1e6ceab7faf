import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { describeCpu, parsePidStat, parseProcStat, startCpuMeter } from "./bench-cpu";

describe("bench CPU meter", () => {
  it("reads busy, idle, I/O wait and stolen ticks from /proc/stat's line for all CPUs", () => {
    const text = "cpu  100 5 40 800 20 3 2 30 0 0\ncpu0 50 2 20 400 10 1 1 15 0 0\nintr 1 2 3\n";
    expect(parseProcStat(text)).toEqual({ busy: 100 + 5 + 40 + 3 + 2, idle: 800, iowait: 20, steal: 30 });
    expect(() => parseProcStat("intr 1 2 3\n")).toThrow(/no line for all CPUs/);
  });

  it("reads a process's name and CPU ticks (its own and its reaped children's) even when the name holds parentheses", () => {
    const fields = Array.from({ length: 40 }, (_, index) => String(index + 3)); // field 3 (state) onwards
    fields[14 - 3] = "700"; // utime
    fields[15 - 3] = "80"; // stime
    fields[16 - 3] = "9"; // cutime
    fields[17 - 3] = "1"; // cstime
    expect(parsePidStat(`4242 (post (gres)) ${fields.join(" ")}`)).toEqual({ name: "post (gres)", ticks: 790 });
  });

  it("accounts a busy child process's CPU to it and the machine's time adds up to 100 %", async () => {
    const child = spawn(process.execPath, ["-e", "const end = Date.now() + 5000; while (Date.now() < end);"], { stdio: "ignore" });
    try {
      const meter = startCpuMeter();
      meter.track("spinner", child.pid!);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const split = meter.stop();
      expect(split).not.toBeNull();
      // One spinning process keeps most of a core busy, though a loaded host may give it less.
      expect(split!.cores.spinner).toBeGreaterThan(0.2);
      expect(split!.cores.spinner).toBeLessThan(1.2);
      expect(split!.busyPct).toBeGreaterThan(0);
      expect(split!.busyPct + split!.stealPct + split!.iowaitPct + split!.idlePct).toBeCloseTo(100, 0);
      expect(describeCpu(split)).toMatch(/% busy, .*% idle; cores used: .*spinner \d\.\d\d/);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
