"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { callApi } from "@/components/ui/api-client";

/** What POST /api/v1/bulk-actions answers: the action, with the job a worker runs it as. */
type TAction = { id: number; action: string; total: number; jobId: string | null };

/** Accept or reject everything matching the filter: confirmed with the count, run as a job with the shared progress. */
export function BulkDecision({ filterQuery, total }: { filterQuery: string; total: number }) {
  const router = useRouter();
  const [action, setAction] = useState<TAction | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function run(decision: "accepted" | "rejected") {
    const verb = decision === "accepted" ? "Accept" : "Reject";
    if (!window.confirm(`${verb} all ${total.toLocaleString("en")} trajectories matching this filter? Each decision is recorded under your name.`)) return;
    const answer = await callApi<TAction>("/api/v1/bulk-actions", "POST", { filter: filterQuery, decision });
    if (answer.ok) setAction(answer.data);
    else setMessage(answer.message);
  }

  if (action?.jobId) {
    // A cancel stops the rest: the batches decided before it stay decided. The table refreshes once the job ends.
    return (
      <span data-testid="bulk-progress" className="flex items-center gap-3 text-xs">
        <span>Deciding {action.total.toLocaleString("en")} ({action.action})</span>
        <JobProgress jobId={action.jobId} canControl onEnded={() => router.refresh()} label={`Bulk decision ${action.id} progress`} />
      </span>
    );
  }
  return (
    <span className="flex items-center gap-2 text-xs">
      <button type="button" onClick={() => run("accepted")} className="rounded border border-emerald-600 px-2 py-0.5 text-emerald-700">Accept all</button>
      <button type="button" onClick={() => run("rejected")} className="rounded border border-rose-600 px-2 py-0.5 text-rose-700">Reject all</button>
      {message && <span role="alert" className="text-rose-700">{message}</span>}
    </span>
  );
}
