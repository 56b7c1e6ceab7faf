/**
 * Waits for a queued export that a worker runs, reporting its progress as the
 * export row records it (at most once a second): what `export --queue` prints.
 */
import type { TActor } from "@/lib/access/actor";
import { getExport } from "./exports";

const ENDED = new Set(["finished", "failed", "cancelled"]);

export async function waitForExport(
  actor: TActor,
  exportId: number,
  onProgress: (done: number, total: number, bytes: number) => void,
  pollMs = 500,
): Promise<string> {
  let last = "";
  for (;;) {
    const current = await getExport(actor, exportId);
    const seen = `${current.doneItems}/${current.totalItems}/${current.bytesWritten}`;
    if (current.totalItems > 0 && seen !== last) {
      last = seen;
      onProgress(current.doneItems, current.totalItems, current.bytesWritten);
    }
    if (ENDED.has(current.state)) return current.state;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
