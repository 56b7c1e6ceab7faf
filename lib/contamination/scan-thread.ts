/**
 * A contamination scan thread (scan-threads.ts starts it through
 * scan-thread-entry.mjs): holds the scan's part of a few test indexes and
 * scans the batches it is sent, one RangeScan per open range.
 */
import { parentPort } from "node:worker_threads";
import type { TCheckParams } from "./params";
import { RangeScan, type TRangeScanResult, type TTextBatch } from "./range-scan";
import { scanIndexOf, type TScanIndex, type TScanTables } from "./test-index";

export type TThreadRequest =
  | { type: "index"; key: number; tables: TScanTables }
  | { type: "forget"; key: number }
  | { type: "open"; scan: number; key: number; params: TCheckParams }
  | { type: "add"; scan: number; batch: TTextBatch }
  | { type: "finish"; scan: number }
  | { type: "drop"; scan: number };

export type TThreadReply =
  | { type: "added"; scan: number }
  | { type: "finished"; scan: number; result: TRangeScanResult }
  | { type: "failed"; scan: number; message: string; stack: string };

/** Test indexes by key: the process says which to keep (it knows which scans are open). */
const indexes = new Map<number, TScanIndex>();
const scans = new Map<number, RangeScan>();

function handle(request: TThreadRequest): TThreadReply | null {
  switch (request.type) {
    case "index":
      indexes.set(request.key, scanIndexOf(request.tables));
      return null;
    case "forget":
      indexes.delete(request.key);
      return null;
    case "open": {
      const index = indexes.get(request.key);
      if (!index) throw new Error(`no test index ${request.key} on this thread`);
      scans.set(request.scan, new RangeScan(index, request.params));
      return null;
    }
    case "add":
      openScan(request.scan).add(request.batch);
      return { type: "added", scan: request.scan };
    case "finish": {
      const result = openScan(request.scan).finish();
      scans.delete(request.scan);
      return { type: "finished", scan: request.scan, result };
    }
    case "drop":
      scans.delete(request.scan);
      return null;
  }
}

function openScan(scan: number) {
  const open = scans.get(scan);
  if (!open) throw new Error(`scan ${scan} is not open on this thread`);
  return open;
}

parentPort?.on("message", (request: TThreadRequest) => {
  let reply: TThreadReply | null;
  try {
    reply = handle(request);
  } catch (error) {
    if (!("scan" in request)) throw error; // an index that cannot be built: the thread fails, and with it every scan on it
    scans.delete(request.scan); // a failed scan is over: its next add or finish throws in the process
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { type: "failed", scan: request.scan, message: failure.message, stack: failure.stack ?? "" };
  }
  if (reply) parentPort!.postMessage(reply);
});
