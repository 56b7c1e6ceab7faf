"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { callApi } from "@/components/ui/api-client";
import { ProgressBar } from "@/components/ui/progress-bar";

type TProgress = { state: string; doneTrajectories: number; totalTrajectories: number; etaSeconds: number | null; error: string | null };

/** Polls a running check; refreshes the page once it stops. Cancel asks the workers to stop between batches. */
export function RunProgress({ runId, initial, canCancel }: { runId: number; initial: TProgress; canCancel: boolean }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  useEffect(() => {
    if (p.state !== "running") return;
    const timer = setTimeout(async () => {
      const answer = await callApi<{ run: TProgress }>(`/api/v1/contamination/runs/${runId}`);
      if (!answer.ok) return;
      const { run } = answer.data;
      setP(run);
      if (run.state !== "running") router.refresh();
    }, 700);
    return () => clearTimeout(timer);
  }, [p, runId, router]);
  const pct = p.totalTrajectories ? Math.floor((100 * p.doneTrajectories) / p.totalTrajectories) : 100;
  return (
    <div className="space-y-1 text-sm" data-testid="run-progress">
      <div className="flex items-center gap-3">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs" data-testid="run-state">{p.state}</span>
        <span className="tabular-nums">
          {p.doneTrajectories.toLocaleString("en")} / {p.totalTrajectories.toLocaleString("en")} trajectories ({pct} %)
          {p.state === "running" && p.etaSeconds !== null ? `, about ${p.etaSeconds}s left` : ""}
        </span>
        {canCancel && p.state === "running" && (
          <button
            className="rounded border border-slate-300 px-2 py-0.5"
            onClick={async () => {
              await callApi(`/api/v1/contamination/runs/${runId}`, "POST", { action: "cancel" });
              router.refresh();
            }}
          >
            Cancel
          </button>
        )}
      </div>
      <ProgressBar percent={pct} label="Check progress" className="w-64" />
      {p.error && <p className="text-red-700">{p.error}</p>}
    </div>
  );
}
