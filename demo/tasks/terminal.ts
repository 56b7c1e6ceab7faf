/** Raw terminal bytes as the AgentBench OS environment returns them, and fake file listings. */
import type { Rng } from "../random";
import { MONTH_ABBR } from "../vocab";

/** An os observation: output lines joined by \r\n, bracketed-paste and OSC title
 *  sequences, and the next prompt with its erase-line code. Empty output has its own sentence. */
export function osObservation(host: string, lines: readonly string[], cwd = "/"): string {
  if (lines.length === 0) return "The output of the OS is empty.";
  const prompt = `\u001b[?2004h\u001b]0;root@${host}: ${cwd}\u0007root@${host}:${cwd}# \u001b[K`;
  return `The output of the OS:\n\n\u001b[?2004l\r${lines.join("\r\n")}\r\n${prompt}`;
}

const BASENAMES = [
  "access", "error", "report", "backup", "config", "data", "notes", "summary", "invoice", "metrics",
  "deploy", "setup", "users", "orders", "readme", "changelog", "events", "session", "cache", "index",
  "export", "import", "schema", "payload", "results", "queue", "audit", "billing", "sensor", "upload",
] as const;

export function fileName(rng: Rng, ext: string): string {
  const base = rng.pick(BASENAMES);
  const style = rng.int(0, 3);
  if (style === 0) return `${base}.${ext}`;
  if (style === 1) return `${base}_${rng.int(2019, 2024)}.${ext}`;
  if (style === 2) return `${base}-${rng.int(1, 99)}.${ext}`;
  return `${base}_${rng.pick(["old", "v2", "final", "tmp", "prod", "dev"])}.${ext}`;
}

/** Distinct file names, some with the wanted extension. */
export function fileNames(rng: Rng, count: number, exts: readonly string[]): string[] {
  const names = new Set<string>();
  let guard = 0;
  while (names.size < count && guard++ < count * 20) names.add(fileName(rng, rng.pick(exts)));
  return [...names];
}

/** `ls` output: plain names, directories in ANSI blue as GNU ls colours them. */
export function lsLines(rng: Rng, files: readonly string[], dirs: readonly string[]): string[] {
  const items = rng.shuffle([...files, ...dirs.map((d) => `\u001b[0m\u001b[01;34m${d}\u001b[0m`)]);
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 4) lines.push(items.slice(i, i + 4).join("  "));
  return lines;
}

export function lsLongLine(rng: Rng, name: string, size: number, mode = "-rw-r--r--"): string {
  const owner = rng.pick(["root", "ubuntu", "www-data", "alice", "deploy"]);
  const month = rng.pick(MONTH_ABBR);
  const day = String(rng.int(1, 28)).padStart(2, " ");
  const time = `${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`;
  return `${mode} 1 ${owner} ${owner} ${String(size).padStart(7, " ")} ${month} ${day} ${time} ${name}`;
}

const SYSLOG_MESSAGES = [
  "Started Daily apt download activities.",
  "Finished Rotate log files.",
  "Accepted publickey for ubuntu from 10.0.{a}.{b} port {port} ssh2",
  "Failed password for invalid user admin from 203.0.113.{b} port {port} ssh2",
  "error: connection timeout after 30000 ms (upstream 10.0.{a}.{b})",
  "WARN disk usage on /dev/sda1 at {pct}%",
  "GET /api/v2/orders/{port} 200 OK {ms}ms",
  "POST /api/v2/login 401 Unauthorized {ms}ms",
  "worker[{pid}] processed batch {port} in {ms} ms",
  "DeprecationWarning: the 'ssl_version' option is deprecated",
  "systemd-resolved: Using degraded feature set UDP instead of EDNS0 for DNS server 10.0.{a}.1.",
  "connection refused while connecting to upstream 127.0.0.1:{port}",
  "kernel: [UFW BLOCK] IN=eth0 OUT= SRC=198.51.100.{b} DST=10.0.{a}.{b} PROTO=TCP DPT={port}",
  "CRON[{pid}]: (root) CMD (test -x /usr/sbin/anacron || run-parts --report /etc/cron.daily)",
] as const;

export const LOG_PATTERNS = [
  "error", "timeout", "Failed password", "GET /api/v2", "WARN", "connection refused", "200 OK", "deprecated",
] as const;

export function syslogLine(rng: Rng, host: string): string {
  const month = rng.pick(MONTH_ABBR);
  const day = String(rng.int(1, 28)).padStart(2, " ");
  const time = [rng.int(0, 23), rng.int(0, 59), rng.int(0, 59)].map((n) => String(n).padStart(2, "0")).join(":");
  const proc = rng.pick(["sshd", "nginx", "app", "systemd", "kernel", "CRON", "worker"]);
  const message = rng
    .pick(SYSLOG_MESSAGES)
    .replace("{a}", String(rng.int(0, 9)))
    .replaceAll("{b}", String(rng.int(2, 254)))
    .replace("{port}", String(rng.int(1024, 65000)))
    .replace("{pct}", String(rng.int(70, 99)))
    .replace("{ms}", String(rng.int(3, 900)))
    .replace("{pid}", String(rng.int(300, 32000)));
  return `${month} ${day} ${time} ${host} ${proc}[${rng.int(300, 32000)}]: ${message}`;
}

export function accessLogLine(rng: Rng): string {
  const ip = `${rng.pick(["10.0", "172.16", "192.168", "203.0"])}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
  const path = rng.pick(["/", "/index.html", "/api/v2/orders", "/login", "/static/app.js", "/favicon.ico", "/api/v2/users/42"]);
  const status = rng.pick([200, 200, 200, 301, 404, 500]);
  return `${ip} - - [${String(rng.int(1, 28)).padStart(2, "0")}/${rng.pick(MONTH_ABBR)}/2023:${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")} +0000] "GET ${path} HTTP/1.1" ${status} ${rng.int(120, 48000)} "-" "Mozilla/5.0"`;
}

export function passwdLine(rng: Rng, user: string, shell: string): string {
  const uid = rng.int(1000, 1999);
  return `${user}:x:${uid}:${uid}:${user},,,:/home/${user}:${shell}`;
}
