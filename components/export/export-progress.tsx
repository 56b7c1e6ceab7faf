"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { callApi } from "@/components/ui/api-client";
import { formatCount } from "@/components/ui/format";
import { percentOf, ProgressBar } from "@/components/ui/progress-bar";
import type { TExport } from "@/lib/export/exports";
import { ACTIVE_STATES, formatBytes, STATE_STYLES } from "./format";

type TProgress = Pick<TExport, "state" | "totalItems" | "doneItems" | "bytesWritten" | "error">;

/** An export's state; while it runs, polls it every second and refreshes the page once it ends. */
export function ExportProgress({ exportId, initial, canCancel, wide = false }: { exportId: number; initial: TProgress; canCancel: boolean; wide?: boolean }) {
  const router = useRouter();
  const [progress, setProgress] = useState<TProgress>(initial);
  const [message, setMessage] = useState<string | null>(null);
  const active = ACTIVE_STATES.has(progress.state);

  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(async () => {
      const answer = await callApi<TExport>(`/api/v1/exports/${exportId}`, "GET");
      if (!answer.ok) return setMessage(answer.message);
      setProgress(answer.data);
      if (!ACTIVE_STATES.has(answer.data.state)) router.refresh();
    }, 1000);
    return () => clearTimeout(timer);
  }, [active, progress, exportId, router]);

  async function cancel() {
    const answer = await callApi<TExport>(`/api/v1/exports/${exportId}/cancel`, "POST");
    if (!answer.ok) return setMessage(answer.message);
    setProgress(answer.data);
    router.refresh();
  }

  const percent = percentOf(progress.doneItems, progress.totalItems);
  const counts = active && (
    <span className={`tabular-nums text-slate-600 ${wide ? "text-xs" : "block whitespace-nowrap text-[11px]"}`} data-testid="export-counts">
      {progress.totalItems === 0
        ? progress.state === "queued" ? "waiting to start" : "drawing samples…"
        : `${formatCount(progress.doneItems)} / ${formatCount(progress.totalItems)} samples · ${formatBytes(progress.bytesWritten)} written`}
    </span>
  );
  return (
    <div className="space-y-1 text-sm" data-testid="export-progress">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLES[progress.state] ?? "bg-slate-100"}`} data-testid="export-state">
          {progress.state}
        </span>
        {wide && counts}
        {canCancel && active && (
          <button type="button" onClick={cancel} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50">
            Cancel
          </button>
        )}
      </div>
      {active && <ProgressBar percent={percent} label={`Export ${exportId} progress`} className={wide ? "w-full min-w-64 max-w-md" : "w-48"} />}
      {!wide && counts}
      {progress.state === "failed" && progress.error && <p className="text-xs text-rose-700" role="alert">{progress.error}</p>}
      {message && <p className="text-xs text-rose-700" role="alert">{message}</p>}
    </div>
  );
}
