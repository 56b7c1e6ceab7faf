/** Display helpers of the export pages (client and server). */
import type { TExport } from "@/lib/export/exports";

/** "0.4 MB", "12 kB", "830 B" (decimal units, as the CLI prints them). */
export function formatBytes(bytes: number): string {
  if (bytes >= 100_000) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} kB`;
  return `${bytes} B`;
}

/** "28.8 %": shares of a mix always with one decimal, so columns line up. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** "default mix v3", or "unsaved recipe". */
export function recipeLabel(entry: Pick<TExport, "recipeName" | "recipeVersion">): string {
  return entry.recipeName ? `${entry.recipeName} v${entry.recipeVersion ?? "?"}` : "unsaved recipe";
}

export const ACTIVE_STATES: ReadonlySet<string> = new Set(["queued", "running"]);

export const STATE_STYLES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-indigo-100 text-indigo-800",
  finished: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
  cancelled: "bg-amber-100 text-amber-800",
};

export const THOUGHT_LABELS = { latest: "latest reviewed revision", original: "original, as imported", none: "without CoT (thoughts removed)" } as const;
export const LOSS_MASK_LABELS = { asImported: "as imported", allAssistant: "every assistant turn", critical: "critical steps only" } as const;
export const TOOL_CALL_LABELS = { asImported: "as imported (calls written as text stay text)", native: "structured tool calls (text calls converted)" } as const;
export const REASONING_AS_LABELS = { field: "reasoning_content field", think: "inline <think>…</think>" } as const;
export const CONTAMINATION_LABELS = { excludeDirty: "exclude dirty", excludeDirtyAndNeither: "exclude dirty and neither", ignore: "ignore" } as const;
export const FORMAT_LABELS = { conversations: "conversations JSONL", messages: "messages JSONL", parquet: "parquet", preference: "preference pairs JSONL" } as const;

/** URL of an export's file; `inline` shows JSON, JSONL and Markdown as text in the browser. */
export function fileUrl(exportId: number, name: string, inline = false): string {
  return `/api/v1/exports/${exportId}/files/${encodeURIComponent(name)}${inline ? "?inline=1" : ""}`;
}
