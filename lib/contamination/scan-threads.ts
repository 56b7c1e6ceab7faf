/**
 * Where a range is scanned. The scan is CPU-bound JavaScript, so a process
 * spreads it over CONTAMINATION_SCAN_THREADS worker threads (default: its
 * cores, at most 4) while its own thread streams the turns from PostgreSQL
 * and hands each trajectory to one thread (by id, so a trajectory's texts stay
 * in order on one scanner). 0 scans on the process's own thread. Threads are
 * started on first use and shared by every range the process scans; each
 * keeps a copy of the scan's part of the test index per run.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import type { TCheckParams } from "./params";
import { RangeScan, type TRangeScanResult, type TTextBatch } from "./range-scan";
import { scanTablesOf, type TScanIndex } from "./test-index";
import type { TThreadReply, TThreadRequest } from "./scan-thread";

/** A scan as scan-range.ts feeds it: batches in order, then the range's figures. */
export type TScanSink = {
  add(batch: TTextBatch): Promise<void>;
  finish(): Promise<TRangeScanResult>;
  /** The range is abandoned (cancelled, handed back): free what the scan holds. */
  drop(): void;
};

const DEFAULT_MAX_THREADS = 4;
/** Texts scanned on the process's own thread between two turns of its event loop (it reads the next batch meanwhile). */
const YIELD_EVERY = 250;
/** Batches a thread may have queued per scan: enough to keep it busy, few enough to bound memory. */
const QUEUED_PER_THREAD = 2;
/** Test indexes a thread keeps once no open scan uses them (as the job keeps the last two runs' indexes). */
const KEEP_UNUSED_INDEXES = 2;

export function scanThreadCount(value = process.env.CONTAMINATION_SCAN_THREADS): number {
  if (value === undefined || value === "") return Math.min(availableParallelism(), DEFAULT_MAX_THREADS);
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`CONTAMINATION_SCAN_THREADS: "${value}" is not a whole number of at least 0`);
  return parsed;
}

export function openRangeScan(index: TScanIndex, params: TCheckParams, threads = scanThreadCount()): TScanSink {
  return threads === 0 ? inlineScan(index, params) : threadedScan(index, params, scanThreads(threads));
}

function inlineScan(index: TScanIndex, params: TCheckParams): TScanSink {
  const scan = new RangeScan(index, params);
  return {
    async add(batch) {
      for (let from = 0; from < batch.texts.length; from += YIELD_EVERY) {
        if (from > 0) await new Promise((resolve) => setImmediate(resolve));
        scan.add(batch, from, Math.min(from + YIELD_EVERY, batch.texts.length));
      }
    },
    finish: async () => scan.finish(),
    drop() {},
  };
}

let nextScan = 1;

function threadedScan(index: TScanIndex, params: TCheckParams, threads: ScanThread[]): TScanSink {
  const id = nextScan++;
  for (const thread of threads) thread.open(id, index, params);
  return {
    async add(batch) {
      const parts = threads.map((): TTextBatch => ({ ids: [], texts: [] }));
      for (let k = 0; k < batch.texts.length; k++) {
        const part = parts[batch.ids[k]! % threads.length]!;
        part.ids.push(batch.ids[k]!);
        part.texts.push(batch.texts[k]!);
      }
      await Promise.all(threads.map((thread, t) => (parts[t]!.texts.length ? thread.add(id, parts[t]!) : undefined)));
    },
    async finish() {
      const results = await Promise.all(threads.map((thread) => thread.finish(id)));
      const matched = new Set(results.flatMap((result) => result.matched));
      return {
        trajectories: results.flatMap((result) => result.trajectories).sort((a, b) => a.trajectoryId - b.trajectoryId),
        matched: [...matched].sort((a, b) => a - b),
        bytes: results.reduce((sum, result) => sum + result.bytes, 0),
      };
    },
    drop() {
      for (const thread of threads) thread.drop(id);
    },
  };
}

let pool: ScanThread[] = [];

/** The process's threads, started on first use; a thread that died is replaced. */
function scanThreads(count: number): ScanThread[] {
  pool = pool.filter((thread) => !thread.failed);
  while (pool.length < count) pool.push(new ScanThread());
  return pool.slice(0, count);
}

/** A scan open on one thread. Its sink calls add, then finish, one call at a time. */
type TOpenScan = {
  indexKey: number;
  /** Batches posted and not yet scanned. */
  queued: number;
  drained: (() => void) | null;
  finished: ((result: TRangeScanResult) => void) | null;
  /** Set when the thread reports this scan failed, or the thread died: the next add or finish throws it. */
  failure: Error | null;
  /** Rejects with the failure: raced by whatever the scan is waiting for. */
  whenFailed: Promise<never>;
  fail: (error: Error) => void;
};

class ScanThread {
  failed: Error | null = null;
  private readonly worker: Worker;
  /**
   * The key each index is known by on the thread. Weak, so an index the job let go is collected here too;
   * the thread drops its copy when forgetUnusedIndexes says so.
   */
  private readonly indexKeys = new WeakMap<TScanIndex, number>();
  /** Open scans per index key the thread holds, oldest first. */
  private readonly held = new Map<number, { open: number }>();
  private readonly scans = new Map<number, TOpenScan>();
  private static nextKey = 1;

  constructor() {
    // A thread starts without the loader of the process that made it: the entry registers tsx, then loads
    // scan-thread.ts. Worker comes from getBuiltinModule so that Next, which bundles every `new Worker` it can
    // see, leaves the thread out of the web server (which never scans).
    const { Worker } = process.getBuiltinModule("node:worker_threads");
    this.worker = new Worker(path.join(import.meta.dirname, "scan-thread-entry.mjs"), {
      // Not the process's flags (a thread refuses some), but its small young generation: 3 x 16 MB semi-spaces.
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    this.worker.unref();
    this.worker.on("message", (reply: TThreadReply) => this.onReply(reply));
    this.worker.on("error", (error) => this.die(new Error(`contamination scan thread failed: ${error.message}`, { cause: error })));
    this.worker.on("messageerror", (error) => this.die(new Error(`contamination scan thread sent an unreadable reply: ${error.message}`, { cause: error })));
    this.worker.on("exit", (code) => this.die(new Error(`a contamination scan thread exited (code ${code})`)));
  }

  open(scan: number, index: TScanIndex, params: TCheckParams): void {
    const indexKey = this.hold(index);
    this.post({ type: "open", scan, key: indexKey, params });
    let fail: (error: Error) => void = () => {};
    const whenFailed = new Promise<never>((_, reject) => (fail = reject));
    whenFailed.catch(() => {}); // raced by add/finish; never unhandled on its own
    const open: TOpenScan = { indexKey, queued: 0, drained: null, finished: null, failure: null, whenFailed, fail };
    this.scans.set(scan, open);
    if (this.failed) this.failScan(open, this.failed);
    this.worker.ref(); // a scan waits on this thread: keep the process alive for it
  }

  async add(scan: number, batch: TTextBatch): Promise<void> {
    const open = this.openScan(scan);
    if (open.failure) throw open.failure;
    open.queued++;
    this.post({ type: "add", scan, batch });
    if (open.queued <= QUEUED_PER_THREAD) return;
    await Promise.race([new Promise<void>((resolve) => (open.drained = resolve)), open.whenFailed]);
  }

  async finish(scan: number): Promise<TRangeScanResult> {
    const open = this.openScan(scan);
    try {
      if (open.failure) throw open.failure;
      this.post({ type: "finish", scan });
      return await Promise.race([new Promise<TRangeScanResult>((resolve) => (open.finished = resolve)), open.whenFailed]);
    } finally {
      this.close(scan);
    }
  }

  drop(scan: number): void {
    if (!this.scans.has(scan)) return;
    this.post({ type: "drop", scan });
    this.close(scan);
  }

  /** The index's key on the thread, sending the index first if the thread does not hold it. */
  private hold(index: TScanIndex): number {
    let key = this.indexKeys.get(index);
    let held = key === undefined ? undefined : this.held.get(key);
    if (key === undefined || !held) {
      key = ScanThread.nextKey++;
      held = { open: 0 };
      this.indexKeys.set(index, key);
      this.held.set(key, held);
      this.post({ type: "index", key, tables: scanTablesOf(index) });
    }
    held.open++;
    this.forgetUnusedIndexes();
    return key;
  }

  private openScan(scan: number): TOpenScan {
    const open = this.scans.get(scan);
    if (!open) throw new Error(`scan ${scan} is not open on this thread`);
    return open;
  }

  private close(scan: number): void {
    const open = this.openScan(scan);
    this.scans.delete(scan);
    this.held.get(open.indexKey)!.open--;
    // Nothing may wait on a closed scan (a drop while an add waits for room).
    this.failScan(open, new Error("contamination scan dropped"));
    if (this.scans.size === 0) this.worker.unref();
  }

  /** The thread keeps the indexes of open scans and the last few others (a worker checks one run's ranges after another). */
  private forgetUnusedIndexes(): void {
    const unused = [...this.held].filter(([, held]) => held.open === 0);
    for (const [key] of unused.slice(0, Math.max(0, unused.length - KEEP_UNUSED_INDEXES))) {
      this.held.delete(key);
      this.post({ type: "forget", key });
    }
  }

  private post(request: TThreadRequest): void {
    if (!this.failed) this.worker.postMessage(request);
  }

  private onReply(reply: TThreadReply): void {
    const open = this.scans.get(reply.scan);
    if (!open) return; // dropped meanwhile
    if (reply.type === "added") {
      open.queued--;
      if (open.queued <= QUEUED_PER_THREAD && open.drained) {
        open.drained();
        open.drained = null;
      }
    } else if (reply.type === "finished") open.finished?.(reply.result);
    else {
      const failure = new Error(`contamination scan thread: ${reply.message}`);
      failure.stack = `${failure.stack}\nin the thread: ${reply.stack}`;
      this.failScan(open, failure);
    }
  }

  private failScan(open: TOpenScan, failure: Error): void {
    open.failure ??= failure;
    open.fail(open.failure);
  }

  /** The thread is gone: every scan on it fails, and the next scan gets a new thread. */
  private die(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    for (const open of this.scans.values()) this.failScan(open, error);
    void this.worker.terminate();
  }
}
