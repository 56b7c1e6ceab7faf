import { formatDateTime } from "@/components/ui/format";
import type { TProposalView } from "@/lib/thresholds/overview";
import { formatThreshold } from "@/lib/thresholds/value";
import { formatDelta, formatShare } from "./numbers";
import { CommentForm, DecideForm, type TThresholdActions } from "./threshold-forms";
import { WhatIf } from "./what-if";

type TProps = {
  proposal: TProposalView;
  current: { value: number; version: number };
  passingNow: number;
  total: number;
  canPropose: boolean;
  canApply: boolean;
  actions: TThresholdActions;
};

const STATE_STYLES = { open: "bg-amber-100 text-amber-900", applied: "bg-emerald-100 text-emerald-800", declined: "bg-slate-200 text-slate-700" };

/** One proposal: value, reason, what it keeps, the discussion, and (open, admins) the decision. */
export function ProposalCard({ proposal, current, passingNow, total, canPropose, canApply, actions }: TProps) {
  const label = formatThreshold(proposal.value);
  const delta = proposal.wouldPass.total - passingNow;
  return (
    <article className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid={`proposal-${proposal.id}`} aria-label={`Proposal ${label} for ${proposal.task}`}>
      <header className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
        <span className="text-base font-semibold tabular-nums">{proposal.state === "open" ? `${formatThreshold(current.value)} → ${label}` : label}</span>
        <span className={`rounded px-1.5 py-0.5 text-xs ${STATE_STYLES[proposal.state]}`} data-testid="proposal-state">{proposal.state}</span>
        <span className="text-xs text-slate-500">
          proposed by {proposal.proposedBy} · {formatDateTime(proposal.createdAt)}
        </span>
      </header>
      <p className="whitespace-pre-wrap text-sm text-slate-800">{proposal.reason}</p>
      {proposal.state === "open" && <p className="text-sm text-slate-600">
        Would keep <b className="tabular-nums text-slate-900" data-testid="would-pass">{proposal.wouldPass.total.toLocaleString("en")}</b>
        {total > 0 && ` (${formatShare(proposal.wouldPass.total / total)})`} of {total.toLocaleString("en")},{" "}
        <span className={delta > 0 ? "text-emerald-700" : delta < 0 ? "text-rose-700" : ""}>{formatDelta(delta)}</span> vs now;{" "}
        {proposal.wouldPass.accepted.toLocaleString("en")} accepted, {proposal.wouldPass.rejected.toLocaleString("en")} rejected,{" "}
        {proposal.wouldPass.pending.toLocaleString("en")} pending.
      </p>}

      {proposal.whatIf && (
        <details className="rounded-md border border-slate-200 bg-slate-50/60 px-3 py-2">
          <summary className="cursor-pointer text-xs font-medium text-slate-700">What applying it does to the training mix</summary>
          <div className="mt-2"><WhatIf whatIf={proposal.whatIf} task={proposal.task} /></div>
        </details>
      )}

      {proposal.state !== "open" && (
        <p className="text-xs text-slate-600" data-testid="decision">
          {proposal.state === "applied" ? "Applied" : "Declined"} by {proposal.decidedBy ?? "an admin"}
          {proposal.decidedAt ? ` · ${formatDateTime(proposal.decidedAt)}` : ""}
          {proposal.decisionNote ? <>: <span className="text-slate-800">{proposal.decisionNote}</span></> : null}
        </p>
      )}

      {(proposal.comments.length > 0 || (canPropose && proposal.state === "open")) && (
        <section aria-label="Comments" className="space-y-2 border-t border-slate-100 pt-3">
          {proposal.comments.map((comment) => (
            <div key={comment.id} className="text-sm" data-testid="comment">
              <p className="text-xs text-slate-500">{comment.author} · {formatDateTime(comment.createdAt)}</p>
              <p className="whitespace-pre-wrap text-slate-800">{comment.body}</p>
            </div>
          ))}
          {canPropose && proposal.state === "open" && <CommentForm proposalId={proposal.id} action={actions.comment} />}
        </section>
      )}

      {canApply && proposal.state === "open" && <DecideForm proposalId={proposal.id} version={current.version} label={label} actions={actions} />}
    </article>
  );
}
