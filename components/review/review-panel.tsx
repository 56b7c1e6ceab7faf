"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api-client";
import { STATUS_STYLES } from "@/components/ui/format";
import { REVIEW_REASONS } from "@/lib/review/reasons";
import type { TReviewDetail } from "@/lib/trajectories/get-trajectory";

type TProps = {
  trajectoryId: string;
  status: string;
  version: number;
  reviews: TReviewDetail[];
  me: string;
  canReview: boolean;
  /** In a review queue: the table filter the queue follows (query string). */
  queueFilter: string | null;
  tableQuery: string;
};

/** Accept / reject with reasons and a comment; in a queue, the next item opens at once. */
export function ReviewPanel({ trajectoryId, status, version, reviews, me, canReview, queueFilter, tableQuery }: TProps) {
  const router = useRouter();
  const mine = reviews.find((review) => review.reviewer === me);
  const [reasons, setReasons] = useState<string[]>(mine?.reasons ?? []);
  const [comment, setComment] = useState(mine?.comment ?? "");
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function openNext(skip?: string) {
    const answer = await callApi<{ id: string } | null>("/api/v1/queue/next", "POST", { filter: queueFilter ?? "", skip });
    if (!answer.ok) return setMessage({ tone: "error", text: answer.message });
    if (!answer.data) {
      setMessage({ tone: "info", text: "The queue is empty: every trajectory of this filter has its reviews." });
      return router.refresh();
    }
    router.push(`/trajectories/${answer.data.id}?${tableQuery}${tableQuery ? "&" : ""}queue=1`);
  }

  async function decide(decision: "accepted" | "rejected") {
    setBusy(true);
    const answer = await callApi(`/api/v1/trajectories/${trajectoryId}/reviews`, "POST", { decision, reasons, comment, version });
    setBusy(false);
    if (!answer.ok) {
      if (answer.status === 409) {
        const newer = answer.current as { status: string; reviews: { reviewer: string; decision: string }[] };
        const who = newer.reviews.map((review) => `${review.reviewer}: ${review.decision}`).join(", ");
        setMessage({ tone: "error", text: `${answer.message}. Now ${newer.status} (${who}).` });
        return router.refresh();
      }
      return setMessage({ tone: "error", text: answer.message });
    }
    setMessage(null);
    if (queueFilter !== null) await openNext();
    else router.refresh();
  }

  return (
    <aside aria-label="Review" className="sticky top-2 z-10 rounded-lg border border-slate-300 bg-white/95 p-4 shadow-sm backdrop-blur">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="font-medium">Review</span>
        <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLES[status]}`} data-testid="review-status">{status}</span>
        <span className="text-xs text-slate-500">
          {reviews.length === 0 ? "no reviews yet" : reviews.map((review) => `${review.reviewer}: ${review.decision}${review.reasons.length ? ` (${review.reasons.join(", ")})` : ""}`).join(" · ")}
        </span>
        {queueFilter !== null && <span className="ml-auto rounded bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">review queue</span>}
      </div>
      {canReview ? (
        <div className="mt-3 space-y-2">
          <fieldset className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700">
            <legend className="sr-only">Reasons</legend>
            {REVIEW_REASONS.map((reason, position) => (
              <label key={reason} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  data-reason={position + 1}
                  checked={reasons.includes(reason)}
                  onChange={() => setReasons(reasons.includes(reason) ? reasons.filter((r) => r !== reason) : [...reasons, reason])}
                />
                {reason} <kbd className="text-slate-400">{position + 1}</kbd>
              </label>
            ))}
          </fieldset>
          <div className="flex gap-2">
            <input aria-label="Review comment" value={comment} onChange={(event) => setComment(event.target.value)} placeholder="comment (optional)" className="input flex-1" />
            <button type="button" data-action="accept" disabled={busy} onClick={() => decide("accepted")} className="rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
              Accept <kbd className="text-emerald-200">a</kbd>
            </button>
            <button type="button" data-action="reject" disabled={busy} onClick={() => decide("rejected")} className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
              Reject <kbd className="text-rose-200">r</kbd>
            </button>
            {queueFilter !== null && (
              <button type="button" data-action="next" onClick={() => openNext(trajectoryId)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                Skip <kbd className="text-slate-400">n</kbd>
              </button>
            )}
          </div>
        </div>
      ) : (
        <p className="mt-2 text-xs text-slate-500">Your role can read reviews but not decide.</p>
      )}
      {message && (
        <p role="alert" className={`mt-2 rounded-md px-3 py-2 text-sm ${message.tone === "error" ? "bg-amber-50 text-amber-900" : "bg-sky-50 text-sky-900"}`} data-testid="review-message">
          {message.text}
        </p>
      )}
    </aside>
  );
}
