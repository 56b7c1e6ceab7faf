/**
 * How the CLI prints a job's progress, for every command that runs or waits
 * for one (`jobs show`, `export`, each `--queue`): a bar rewritten in place on
 * a terminal (stderr, so stdout stays the command's result), JSON lines on
 * stdout with --json, nothing otherwise (logs stay clean).
 */
import { etaSeconds, formatEta, type TProgressPoint } from "@/lib/jobs/eta";

export type TProgressUpdate = { kind: string; id: string | null; state: string; done: number; total: number | null; unit: string };
export type TProgressSnapshot = TProgressUpdate & { etaSeconds: number | null };

type TWritable = { write(text: string): unknown };

/** At most one JSON line a second while nothing but the count changes. */
const JSON_EVERY_MS = 1000;

/** One line: "export 3f2c… [#####-----]  50%  200/400 samples  about 12 s left". */
export function progressLine(snapshot: TProgressSnapshot, width = 24): string {
  const { total, done } = snapshot;
  const share = total && total > 0 ? Math.max(0, Math.min(1, done / total)) : 0;
  const filled = Math.floor(share * width);
  const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
  const percent = total && total > 0 ? `${String(Math.floor(share * 100)).padStart(3)}%` : snapshot.state;
  const eta = snapshot.state === "running" ? formatEta(snapshot.etaSeconds) : "";
  const name = snapshot.id ? `${snapshot.kind} ${snapshot.id}` : snapshot.kind;
  return [`${name} ${bar} ${percent}`, `${done}/${total ?? "?"} ${snapshot.unit}`, eta].filter(Boolean).join("  ");
}

export class ProgressOutput {
  private since: TProgressPoint | null;
  private lastJson = { at: -Infinity, key: "" };
  private drawn = false;
  private readonly json: boolean;
  private readonly tty: boolean;
  private readonly stdout: TWritable;
  private readonly stderr: TWritable;
  private readonly now: () => number;

  /** startedAt: when the job started (ms), so the rate counts from there; else from the first update seen. */
  constructor(options: { json: boolean; tty?: boolean; stdout?: TWritable; stderr?: TWritable; now?: () => number; startedAt?: number }) {
    this.json = options.json;
    this.tty = options.tty ?? Boolean(process.stderr.isTTY);
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
    this.now = options.now ?? Date.now;
    this.since = options.startedAt === undefined ? null : { at: options.startedAt, done: 0 };
  }

  update(update: TProgressUpdate): void {
    const at = this.now();
    this.since ??= { at, done: update.done };
    const snapshot: TProgressSnapshot = { ...update, etaSeconds: etaSeconds(update, this.since, at) };
    if (this.json) return this.writeJson(snapshot, at);
    if (!this.tty) return;
    this.stderr.write(`\r\x1b[2K${progressLine(snapshot)}`);
    this.drawn = true;
  }

  /** Ends the terminal's line (call once, before printing the result). */
  end(): void {
    if (this.drawn) this.stderr.write("\n");
    this.drawn = false;
  }

  private writeJson(snapshot: TProgressSnapshot, at: number) {
    const key = `${snapshot.state}/${snapshot.done}/${snapshot.total}`;
    const stateChanged = !this.lastJson.key.startsWith(`${snapshot.state}/`);
    if (key === this.lastJson.key || (!stateChanged && at - this.lastJson.at < JSON_EVERY_MS)) return;
    this.lastJson = { at, key };
    const { kind, id, state, done, total, unit, etaSeconds: eta } = snapshot;
    this.stdout.write(`${JSON.stringify({ event: "progress", kind, job: id, state, done, total, unit, etaSeconds: eta })}\n`);
  }
}
