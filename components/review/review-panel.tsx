"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { beginSwitch, describeKeys, endSwitch, serverSwitchSnapshot, subscribeSwitch, switchSnapshot } from "@/components/replay/queue-switch";
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

/**
 * Accept / reject with reasons and a comment. A side column on wide screens and
 * a compact bottom bar on narrow ones, so it never covers the step being read.
 * In a queue the next item is claimed and prefetched while this one is read,
 * and keys typed during the switch wait for it (components/replay/queue-switch.ts).
 */
export function ReviewPanel({ trajectoryId, status, version, reviews, me, canReview, queueFilter, tableQuery }: TProps) {
  const router = useRouter();
  const mine = reviews.find((review) => review.reviewer === me);
  const [reasons, setReasons] = useState<string[]>(mine?.reasons ?? []);
  const [comment, setComment] = useState(mine?.comment ?? "");
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [upNext, setUpNext] = useState<string | null>(null);
  const held = useSyncExternalStore(subscribeSwitch, switchSnapshot, serverSwitchSnapshot);
  const inQueue = queueFilter !== null && canReview;
  const hrefOf = (id: string) => `/trajectories/${id}?${tableQuery}${tableQuery ? "&" : ""}queue=1`;

  // Claim the next item now (the claim keeps it for this reviewer), so a decision opens it at once.
  useEffect(() => {
    if (!inQueue) return;
    let current = true;
    void callApi<{ id: string } | null>("/api/v1/queue/next", "POST", { filter: queueFilter ?? "", skip: trajectoryId }).then((answer) => {
      if (current && answer.ok && answer.data) setUpNext(answer.data.id);
    });
    return () => {
      current = false;
    };
  }, [inQueue, queueFilter, trajectoryId]);

  /** The switch failed or led nowhere: the keys held for the next item are refused, visibly. */
  function stopSwitch(text: string, tone: "error" | "info") {
    const keys = endSwitch();
    setMessage({ tone, text: keys.length ? `${text} Not applied: ${describeKeys(keys)} typed meanwhile.` : text });
  }

  async function openNext(skip?: string) {
    beginSwitch();
    if (upNext && upNext !== skip) return router.push(hrefOf(upNext));
    const answer = await callApi<{ id: string } | null>("/api/v1/queue/next", "POST", { filter: queueFilter ?? "", skip });
    if (!answer.ok) return stopSwitch(answer.message, "error");
    if (!answer.data) {
      stopSwitch("The queue is empty: every trajectory of this filter has its reviews.", "info");
      return router.refresh();
    }
    router.push(hrefOf(answer.data.id));
  }

  async function decide(decision: "accepted" | "rejected") {
    setBusy(true);
    if (inQueue) beginSwitch();
    const answer = await callApi(`/api/v1/trajectories/${trajectoryId}/reviews`, "POST", { decision, reasons, comment, version });
    setBusy(false);
    if (!answer.ok) {
      if (answer.status === 409) {
        const newer = answer.current as { status: string; reviews: { reviewer: string; decision: string }[] };
        const who = newer.reviews.map((review) => `${review.reviewer}: ${review.decision}`).join(", ");
        stopSwitch(`${answer.message}. Now ${newer.status} (${who}).`, "error");
        return router.refresh();
      }
      return stopSwitch(answer.message, "error");
    }
    setMessage(null);
    if (inQueue) await openNext();
    else router.refresh();
  }

  return (
    <aside
      aria-label="Review"
      className="fixed inset-x-0 bottom-0 z-10 max-h-[45vh] overflow-y-auto border-t border-slate-300 bg-white px-4 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.08)] lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:rounded-lg lg:border lg:p-4 lg:shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-medium">Review</span>
        <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLES[status]}`} data-testid="review-status">{status}</span>
        <span className="text-xs text-slate-600">
          {reviews.length === 0 ? "no reviews yet" : reviews.map((review) => `${review.reviewer}: ${review.decision}${review.reasons.length ? ` (${review.reasons.join(", ")})` : ""}`).join(" · ")}
        </span>
        {queueFilter !== null && <span className="rounded bg-indigo-50 px-2 py-0.5 text-xs text-indigo-800">review queue</span>}
        {upNext && (
          <Link href={hrefOf(upNext)} prefetch={true} className="text-xs text-indigo-800 underline" data-testid="up-next">
            next in queue ready
          </Link>
        )}
      </div>
      {held.switching && (
        <p role="status" className="mt-1 text-xs text-indigo-800" data-testid="switch-status">
          Opening the next item{held.keys.length ? `: ${describeKeys(held.keys)} will apply to it` : "…"}
        </p>
      )}
      {canReview ? (
        <div className="mt-2 flex flex-col gap-2">
          <fieldset className="order-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700 lg:order-none">
            <legend className="sr-only">Reasons</legend>
            {REVIEW_REASONS.map((reason, position) => (
              <label key={reason} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  data-reason={position + 1}
                  checked={reasons.includes(reason)}
                  onChange={() => setReasons(reasons.includes(reason) ? reasons.filter((r) => r !== reason) : [...reasons, reason])}
                />
                {reason} <kbd className="text-slate-500">{position + 1}</kbd>
              </label>
            ))}
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <input aria-label="Review comment" value={comment} onChange={(event) => setComment(event.target.value)} placeholder="comment (optional)" className="input min-w-[10rem] flex-1 lg:basis-full" />
            <button type="button" data-action="accept" disabled={busy} onClick={() => decide("accepted")} className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
              Accept <kbd className="text-emerald-100">a</kbd>
            </button>
            <button type="button" data-action="reject" disabled={busy} onClick={() => decide("rejected")} className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
              Reject <kbd className="text-rose-100">r</kbd>
            </button>
            {inQueue && (
              <button type="button" data-action="next" onClick={() => openNext(trajectoryId)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                Skip <kbd className="text-slate-500">n</kbd>
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
