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
/** Batches a thread may have queued: enough to keep it busy, few enough to bound memory. */
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

type TWaiting = { queued: number; drained: (() => void) | null; finished: ((result: TRangeScanResult) => void) | null; failed: (error: Error) => void };

class ScanThread {
  failed: Error | null = null;
  private readonly worker: Worker;
  /** Indexes this thread holds (the key it knows each by, and how many open scans use it), oldest first. */
  private readonly held = new Map<TScanIndex, { key: number; open: number }>();
  private readonly scans = new Map<number, TWaiting & { reject: Promise<never>; index: TScanIndex }>();
  private static nextKey = 1;

  constructor() {
    // A thread starts without the loader of the process that made it: the entry registers tsx, then loads
    // scan-thread.ts. Worker comes from getBuiltinModule so that Next, which bundles every `new Worker` it can
    // see, leaves the thread out of the web server (which never scans).
    const { Worker } = process.getBuiltinModule("node:worker_threads");
    this.worker = new Worker(path.join(import.meta.dirname, "scan-thread-entry.mjs"), { execArgv: [] });
    this.worker.unref();
    this.worker.on("message", (reply: TThreadReply) => this.received(reply));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`a contamination scan thread exited (code ${code})`)));
  }

  open(scan: number, index: TScanIndex, params: TCheckParams): void {
    let held = this.held.get(index);
    if (!held) {
      held = { key: ScanThread.nextKey++, open: 0 };
      this.held.set(index, held);
      this.post({ type: "index", key: held.key, tables: scanTablesOf(index) });
      this.forgetUnusedIndexes();
    }
    held.open++;
    this.post({ type: "open", scan, key: held.key, params });
    let failed: (error: Error) => void = () => {};
    const reject = new Promise<never>((_, fail) => (failed = fail));
    reject.catch(() => {}); // raced by add/finish; never unhandled on its own
    this.scans.set(scan, { queued: 0, drained: null, finished: null, failed, reject, index });
    if (this.failed) failed(this.failed);
    this.worker.ref(); // a scan waits on this thread: keep the process alive for it
  }

  async add(scan: number, batch: TTextBatch): Promise<void> {
    const waiting = this.waiting(scan);
    waiting.queued++;
    this.post({ type: "add", scan, batch });
    if (waiting.queued <= QUEUED_PER_THREAD) return;
    await Promise.race([new Promise<void>((resolve) => (waiting.drained = resolve)), waiting.reject]);
  }

  async finish(scan: number): Promise<TRangeScanResult> {
    const waiting = this.waiting(scan);
    this.post({ type: "finish", scan });
    try {
      return await Promise.race([new Promise<TRangeScanResult>((resolve) => (waiting.finished = resolve)), waiting.reject]);
    } finally {
      this.close(scan);
    }
  }

  drop(scan: number): void {
    if (!this.scans.has(scan)) return;
    this.post({ type: "drop", scan });
    this.close(scan);
  }

  private waiting(scan: number) {
    const waiting = this.scans.get(scan);
    if (!waiting) throw new Error(`scan ${scan} is not open on this thread`);
    return waiting;
  }

  private close(scan: number): void {
    const { index } = this.waiting(scan);
    this.scans.delete(scan);
    this.held.get(index)!.open--;
    if (this.scans.size === 0) this.worker.unref();
  }

  /** The thread keeps the indexes of open scans and the last few others (a worker checks one run's ranges after another). */
  private forgetUnusedIndexes(): void {
    const unused = [...this.held].filter(([, held]) => held.open === 0);
    for (const [index, { key }] of unused.slice(0, Math.max(0, unused.length - KEEP_UNUSED_INDEXES))) {
      this.held.delete(index);
      this.post({ type: "forget", key });
    }
  }

  private post(request: TThreadRequest): void {
    if (!this.failed) this.worker.postMessage(request);
  }

  private received(reply: TThreadReply): void {
    const waiting = this.scans.get(reply.scan);
    if (!waiting) return; // dropped meanwhile
    if (reply.type === "added") {
      waiting.queued--;
      if (waiting.queued <= QUEUED_PER_THREAD && waiting.drained) {
        waiting.drained();
        waiting.drained = null;
      }
    } else if (reply.type === "finished") waiting.finished?.(reply.result);
    else waiting.failed(new Error(`contamination scan thread: ${reply.message}`));
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    for (const waiting of this.scans.values()) waiting.failed(error);
    void this.worker.terminate();
  }
}
