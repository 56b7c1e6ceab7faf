/**
 * Time left of a running job, from the rate its progress moved at since a
 * point seen earlier (its start, or the first report a watcher saw). Pure:
 * the /jobs page, the progress component and the CLI all use it.
 */
export type TProgressPoint = { at: number; done: number };

/** Whole seconds left (rounded up); null while it cannot be told (no total, no progress, no time gone by). */
export function etaSeconds(now: { done: number; total: number | null }, since: TProgressPoint, at: number): number | null {
  if (now.total === null || now.total <= 0) return null;
  if (now.done >= now.total) return 0;
  const seconds = (at - since.at) / 1000;
  const rate = (now.done - since.done) / seconds;
  if (!(seconds > 0) || !(rate > 0)) return null;
  return Math.ceil((now.total - now.done) / rate);
}

/** "about 7 s left", "about 2 min left", "about 1 h 5 min left"; empty when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null) return "";
  if (seconds <= 0) return "finishing";
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 60) return `about ${minutes} min left`;
  return `about ${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min left`;
}
