"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { callApi } from "@/components/ui/api-client";

type TAction = { id: number; state: string; total: number; done: number; error: string | null };

/** A worker runs the action as a job: queued until one takes it, then running. */
const ACTIVE = new Set(["queued", "running"]);

function describe(action: TAction, percent: number): string {
  if (ACTIVE.has(action.state)) return `Deciding… ${action.done} / ${action.total} (${percent}%)${action.state === "queued" ? " (waiting for a worker)" : ""}`;
  if (action.state === "done") return `Done: ${action.done} decided.`;
  // A cancel stops the rest: the batches decided before it stay decided.
  if (action.state === "cancelled") return `Cancelled: ${action.done} decided before the cancel stay decided.`;
  return `Failed: ${action.error}`;
}

/** Accept or reject everything matching the filter: confirmed with the count, run as a job with progress. */
export function BulkDecision({ filterQuery, total }: { filterQuery: string; total: number }) {
  const router = useRouter();
  const [action, setAction] = useState<TAction | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!action || !ACTIVE.has(action.state)) return;
    const timer = setTimeout(async () => {
      const answer = await callApi<TAction>(`/api/v1/bulk-actions/${action.id}`, "GET");
      if (answer.ok) {
        setAction(answer.data);
        if (!ACTIVE.has(answer.data.state)) router.refresh();
      }
    }, 500);
    return () => clearTimeout(timer);
  }, [action, router]);

  async function run(decision: "accepted" | "rejected") {
    const verb = decision === "accepted" ? "Accept" : "Reject";
    if (!window.confirm(`${verb} all ${total.toLocaleString("en")} trajectories matching this filter? Each decision is recorded under your name.`)) return;
    const answer = await callApi<TAction>("/api/v1/bulk-actions", "POST", { filter: filterQuery, decision });
    if (answer.ok) setAction(answer.data);
    else setMessage(answer.message);
  }

  if (action) {
    const percent = action.total ? Math.round((100 * action.done) / action.total) : 100;
    return (
      <span role="status" data-testid="bulk-progress" className="text-xs">
        {describe(action, percent)}
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
