/**
 * The trajectories of one range, scanned in order: texts arrive as parallel
 * arrays (the trajectory id of each text, the text), a trajectory's texts
 * together and in turn order. The same code runs on the job's own thread and
 * in scan threads (scan-threads.ts), so both give the same figures.
 */
import type { TCheckParams } from "./params";
import { Scanner, type TTrajectoryResult } from "./scan";
import type { TScanIndex } from "./test-index";

/** One batch of compared texts: ids[k] is the trajectory of texts[k]. */
export type TTextBatch = { ids: number[]; texts: string[] };

export type TRangeScanResult = {
  trajectories: TTrajectoryResult[];
  /** Test n-gram ids matched anywhere in the range (template ones included), ascending. */
  matched: number[];
  /** UTF-8 bytes of the compared text. */
  bytes: number;
};

export class RangeScan {
  private readonly scanner: Scanner;
  private readonly trajectories: TTrajectoryResult[] = [];
  private current = -1;
  private bytes = 0;

  constructor(index: TScanIndex, params: TCheckParams) {
    this.scanner = new Scanner(index, params);
  }

  /** Texts from..to (exclusive) of a batch. */
  add(batch: TTextBatch, from = 0, to = batch.texts.length): void {
    for (let k = from; k < to; k++) {
      const id = batch.ids[k]!;
      if (id !== this.current) {
        this.close();
        this.current = id;
        this.scanner.begin(id);
      }
      this.bytes += this.scanner.turn(batch.texts[k]!);
    }
  }

  finish(): TRangeScanResult {
    this.close();
    const matched: number[] = [];
    const flags = this.scanner.matched;
    for (let g = 0; g < flags.length; g++) if (flags[g]) matched.push(g);
    return { trajectories: this.trajectories, matched, bytes: this.bytes };
  }

  private close(): void {
    if (this.current === -1) return;
    this.trajectories.push(this.scanner.end());
    this.current = -1;
  }
}
