/**
 * Where the host's CPU time went during a bench's timed part. The benches run
 * on a small VM shared with other tenants: a figure that misses its goal while
 * the CPUs had no idle time left (busy, or stolen by the hypervisor) is bound
 * by CPU, not by waiting, and the split says who used it (PostgreSQL, the app's
 * process, the bench's own clients). Read from /proc (Linux); elsewhere the
 * meter reports nothing rather than guess.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Linux reports CPU time in USER_HZ ticks, 100 per second on every architecture it runs on. */
const TICKS_PER_SECOND = 100;
/** Processes come and go (PostgreSQL backends, a child that exits at the end): their time is read this often and the last reading kept. */
const SAMPLE_MS = 500;

export type TCpuTicks = { busy: number; idle: number; iowait: number; steal: number };

/** The machine's CPU ticks since boot, from the `cpu` line of /proc/stat (user nice system idle iowait irq softirq steal ...). */
export function parseProcStat(text: string): TCpuTicks {
  const line = text.split("\n").find((candidate) => candidate.startsWith("cpu "));
  if (!line) throw new Error("/proc/stat: no line for all CPUs");
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: user + nice + system + irq + softirq, idle, iowait, steal };
}

/** A process's name and CPU ticks from its /proc/<pid>/stat line, counting the children it has reaped (a postmaster's exited backends). */
export function parsePidStat(text: string): { name: string; ticks: number } {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")"); // the name may itself hold parentheses
  if (open < 0 || close < open) throw new Error("not a /proc/<pid>/stat line");
  // After the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = text.slice(close + 2).split(" ");
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((index) => Number(fields[index]));
  return { name: text.slice(open + 1, close), ticks: utime! + stime! + cutime! + cstime! };
}

function readStat(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null; // the process has exited meanwhile
  }
}

function postgresTicks(): number {
  let sum = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(`/proc/${entry}/stat`);
    if (!stat) continue;
    const { name, ticks } = parsePidStat(stat);
    if (name === "postgres") sum += ticks;
  }
  return sum;
}

/** A process's CPU ticks so far (its reaped children's included), or null once it has exited. */
export function pidTicks(pid: number): number | null {
  const stat = readStat(`/proc/${pid}/stat`);
  return stat ? parsePidStat(stat).ticks : null;
}

export type TCpuSplit = {
  seconds: number;
  /** Of the machine's CPU capacity over the timed part: used, taken by the hypervisor for other guests, idle with disk I/O outstanding, idle. */
  busyPct: number;
  stealPct: number;
  iowaitPct: number;
  idlePct: number;
  /** CPU seconds over wall seconds: how many cores each used on average ("bench": this process, its threads included). */
  cores: Record<string, number>;
};

export type TCpuMeter = {
  /** Accounts for a process started after the meter (its time from now on). */
  track(name: string, pid: number): void;
  stop(): TCpuSplit | null;
};

/**
 * Starts measuring. `processes` names the bench's child processes to account
 * for (the app's server, an importer); PostgreSQL is every process named
 * `postgres` (on a bench host, the bench's server).
 */
export function startCpuMeter(processes: Record<string, number> = {}): TCpuMeter {
  if (!existsSync("/proc/stat")) return { track() {}, stop: () => null };
  const started = performance.now();
  const machine = parseProcStat(readFileSync("/proc/stat", "utf8"));
  const self = process.cpuUsage();
  const tracked: Record<string, () => number | null> = { postgres: postgresTicks };
  for (const [name, pid] of Object.entries(processes)) tracked[name] = () => pidTicks(pid);
  const first: Record<string, number> = {};
  const last: Record<string, number> = {};
  const sample = () => {
    for (const [name, read] of Object.entries(tracked)) {
      const ticks = read();
      if (ticks === null) continue;
      first[name] ??= ticks;
      last[name] = Math.max(last[name] ?? 0, ticks);
    }
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  timer.unref();
  return {
    track(name, pid) {
      tracked[name] = () => pidTicks(pid);
      sample();
    },
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - started) / 1000;
      const now = parseProcStat(readFileSync("/proc/stat", "utf8"));
      const [busy, idle, iowait, steal] = [now.busy - machine.busy, now.idle - machine.idle, now.iowait - machine.iowait, now.steal - machine.steal];
      const total = busy + idle + iowait + steal || 1;
      const percent = (ticks: number) => Math.round((1000 * ticks) / total) / 10;
      const coresOf = (cpuSeconds: number) => Math.round((100 * cpuSeconds) / seconds) / 100;
      const own = process.cpuUsage(self);
      const cores: Record<string, number> = { bench: coresOf((own.user + own.system) / 1e6) };
      for (const name of Object.keys(tracked)) {
        if (first[name] !== undefined) cores[name] = coresOf((last[name]! - first[name]!) / TICKS_PER_SECOND);
      }
      return { seconds: Math.round(seconds * 10) / 10, busyPct: percent(busy), stealPct: percent(steal), iowaitPct: percent(iowait), idlePct: percent(idle), cores };
    },
  };
}

/** One line for a bench's log: "host CPU over 60.2 s: 91 % busy, 7 % stolen, 1 % waiting on disk, 1 % idle; cores used: postgres 0.9, server 0.7, bench 0.3". */
export function describeCpu(split: TCpuSplit | null): string {
  if (!split) return "host CPU: not measured (no /proc)";
  const cores = Object.entries(split.cores).map(([name, value]) => `${name} ${value.toFixed(2)}`).join(", ");
  return `host CPU over ${split.seconds} s: ${split.busyPct} % busy, ${split.stealPct} % stolen by the hypervisor, ${split.iowaitPct} % waiting on disk, ${split.idlePct} % idle; cores used: ${cores}`;
}
