import Link from "next/link";
import { formatDateTime } from "@/components/ui/format";
import type { TNoRewardTreatment } from "@/lib/thresholds/passes";
import type { TTaskView } from "@/lib/thresholds/overview";
import { formatThreshold } from "@/lib/thresholds/value";
import { CurveTable } from "./curve-table";
import { formatShare, pointAt } from "./numbers";
import { ProposalCard } from "./proposal-card";
import { RetentionChart } from "./retention-chart";
import { RewardHistogram } from "./reward-histogram";
import { ProposeForm, SetThresholdForm, type TThresholdActions } from "./threshold-forms";

type TProps = {
  view: TTaskView;
  noRewardTreatment: TNoRewardTreatment;
  passingByTask: Record<string, number>;
  recipe: Readonly<Record<string, number>>;
  canPropose: boolean;
  canApply: boolean;
  actions: TThresholdActions;
};

/** One task: its retention curve and distribution on the left, proposals and history on the right. */
export function TaskSection({ view, noRewardTreatment, passingByTask, recipe, canPropose, canApply, actions }: TProps) {
  const { task, threshold, counts, curve } = view;
  const total = counts.trajectories.total;
  const open = view.proposals.filter((proposal) => proposal.state === "open");
  const decided = view.proposals.filter((proposal) => proposal.state !== "open");
  const markers = [
    { value: threshold.value, label: `current ${formatThreshold(threshold.value)}`, kind: "current" as const },
    ...open
      .filter((proposal) => Math.abs(proposal.value - threshold.value) > 1e-12)
      .map((proposal) => ({ value: proposal.value, label: `proposed ${formatThreshold(proposal.value)}`, kind: "proposed" as const })),
  ];
  // A few thresholds side by side make the trade-off readable at a glance.
  const glance = [...new Map([1, 0.75, threshold.value, ...open.map((proposal) => proposal.value), 0.5].map((x) => [formatThreshold(x), x])).values()]
    .sort((a, b) => b - a)
    .map((x) => ({ x, point: pointAt(curve, x) }))
    .filter((entry) => entry.point !== null);

  return (
    <section id={`task-${task}`} aria-labelledby={`title-${task}`} className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={`task-section-${task}`}>
      <header className="flex flex-wrap items-baseline justify-between gap-3 border-b border-slate-100 pb-3">
        <div>
          <h2 id={`title-${task}`} className="font-mono text-lg font-semibold">{task}</h2>
          <p className="text-xs text-slate-500">reward: {view.rewardMeaning}</p>
        </div>
        <div className="flex items-baseline gap-4 text-sm">
          <span>
            threshold <b className="text-lg tabular-nums" data-testid={`threshold-${task}`}>{formatThreshold(threshold.value)}</b>
            <span className="ml-1 text-xs text-slate-500">{threshold.isDefault ? "(default for other tasks)" : `v${threshold.version}`}</span>
          </span>
          <span>
            <b className="tabular-nums" data-testid={`passing-${task}`}>{counts.passing.total.toLocaleString("en")}</b>
            <span className="text-slate-500"> of {total.toLocaleString("en")} pass ({formatShare(total ? counts.passing.total / total : 0)})</span>
          </span>
          <Link href={`/trajectories?task=${encodeURIComponent(task)}&passes=yes`} className="text-xs text-indigo-700 underline">open in the table</Link>
        </div>
      </header>

      {total === 0 ? (
        <p className="py-6 text-sm text-slate-500">No trajectories of {task} yet: its threshold applies once some are imported.</p>
      ) : (
        <div className="grid gap-6 pt-4 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
          <div className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-medium text-slate-700">Trajectories kept at each threshold</h3>
              <Legend accepted={counts.trajectories.accepted} />
            </div>
            <RetentionChart task={task} points={curve} total={total} markers={markers} />
            <dl className="flex flex-wrap gap-2 text-xs" aria-label={`${task} at a glance`}>
              {glance.map(({ x, point }) => {
                const isCurrent = Math.abs(x - threshold.value) < 1e-12;
                const isProposed = open.some((proposal) => Math.abs(proposal.value - x) < 1e-12);
                return (
                  <div
                    key={x}
                    className={`rounded-md border px-2.5 py-1.5 ${isCurrent ? "border-slate-800 bg-slate-900 text-white" : isProposed ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-slate-50"}`}
                  >
                    <dt className={isCurrent ? "text-slate-300" : "text-slate-500"}>
                      at {formatThreshold(x)}{isCurrent ? " (current)" : isProposed ? " (proposed)" : ""}
                    </dt>
                    <dd className="tabular-nums">
                      <b className="text-sm">{point!.kept.toLocaleString("en")}</b> kept · {formatShare(point!.keptShare)}
                    </dd>
                  </div>
                );
              })}
            </dl>
            <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-4">
              <div>
                <h3 className="mb-1 text-xs font-medium text-slate-600">Reward distribution</h3>
                <RewardHistogram task={task} bars={view.histogram} threshold={threshold.value} noReward={counts.noReward.total} size="large" />
              </div>
              <table className="text-xs tabular-nums" aria-label={`${task} counts`}>
                <tbody>
                  <Row label="trajectories" value={total} />
                  <Row label="with a reward" value={counts.withReward.total} />
                  <Row label="without reward" value={counts.noReward.total} note={counts.noReward.total ? (noRewardTreatment === "pass" ? "kept as passing" : "excluded") : undefined} />
                  <Row label="passing" value={counts.passing.total} strong />
                  <Row label="· accepted" value={counts.passing.accepted} />
                  <Row label="· rejected" value={counts.passing.rejected} />
                  <Row label="· pending" value={counts.passing.pending} />
                </tbody>
              </table>
            </div>
            <CurveTable task={task} points={curve} marks={markers.map((marker) => ({ value: marker.value, label: marker.kind }))} />
          </div>

          <div className="space-y-4">
            <h3 className="text-sm font-medium text-slate-700">Proposals</h3>
            {open.length === 0 && <p className="text-sm text-slate-500">No open proposal.</p>}
            {open.map((proposal) => (
              <ProposalCard
                key={proposal.id}
                proposal={proposal}
                current={threshold}
                passingNow={counts.passing.total}
                total={total}
                canPropose={canPropose}
                canApply={canApply}
                actions={actions}
              />
            ))}
            {canPropose ? (
              <div className="rounded-lg border border-dashed border-slate-300 p-4">
                <ProposeForm action={actions.propose} task={task} current={threshold.value} points={curve} total={total} passingNow={counts.passing.total} passingByTask={passingByTask} recipe={recipe} />
              </div>
            ) : (
              <p className="text-xs text-slate-500">Reviewers propose thresholds; admins apply them.</p>
            )}
            {canApply && (
              <details className="rounded-md border border-slate-200 px-3 py-2">
                <summary className="cursor-pointer text-xs text-slate-600">Set the threshold directly (admins, with a reason)</summary>
                <div className="mt-2"><SetThresholdForm task={task} version={threshold.version} action={actions.set} /></div>
              </details>
            )}
            {decided.length > 0 && (
              <details className="rounded-md border border-slate-200 px-3 py-2">
                <summary className="cursor-pointer text-xs text-slate-600">Decided proposals ({decided.length})</summary>
                <div className="mt-2 space-y-2">
                  {decided.map((proposal) => (
                    <ProposalCard key={proposal.id} proposal={proposal} current={threshold} passingNow={counts.passing.total} total={total} canPropose={false} canApply={false} actions={actions} />
                  ))}
                </div>
              </details>
            )}
            <History view={view} />
          </div>
        </div>
      )}
    </section>
  );
}

function Row({ label, value, note, strong }: { label: string; value: number; note?: string; strong?: boolean }) {
  return (
    <tr className={strong ? "font-semibold text-slate-900" : "text-slate-600"}>
      <th scope="row" className="pr-3 text-left font-normal">{label}</th>
      <td className="text-right">{value.toLocaleString("en")}</td>
      <td className="pl-2 text-[11px] text-slate-500">{note}</td>
    </tr>
  );
}

function Legend({ accepted }: { accepted: number }) {
  return (
    <p className="flex flex-wrap items-center gap-3 text-[11px] text-slate-600" aria-hidden>
      <span><span className="mr-1 inline-block h-0.5 w-4 bg-indigo-600 align-middle" />all</span>
      <span><span className="mr-1 inline-block h-0.5 w-4 bg-emerald-600 align-middle" />accepted only{accepted === 0 ? " (none reviewed yet)" : ""}</span>
      <span><span className="mr-1 inline-block h-3 w-0.5 bg-slate-900 align-middle" />current</span>
      <span><span className="mr-1 inline-block h-3 w-0 border-l-2 border-dashed border-amber-600 align-middle" />proposed</span>
    </p>
  );
}

function History({ view }: { view: TTaskView }) {
  return (
    <section aria-label={`History of the ${view.task} threshold`} data-testid={`history-${view.task}`}>
      <h3 className="mb-1 text-sm font-medium text-slate-700">History</h3>
      {view.history.length === 0 ? (
        <p className="text-xs text-slate-500">Never changed: the default for other tasks applies.</p>
      ) : (
        <ol className="space-y-2 border-l border-slate-200 pl-3">
          {view.history.map((change) => (
            <li key={change.id} className="text-xs" data-testid="history-entry">
              <p>
                <b className="tabular-nums">{change.oldValue === null ? "set to" : `${formatThreshold(change.oldValue)} →`} {formatThreshold(change.newValue)}</b>
                <span className="ml-1 text-slate-500">v{change.version} · {change.actor} · {formatDateTime(change.createdAt)}{change.proposalId ? ` · proposal #${change.proposalId}` : ""}</span>
              </p>
              <p className="whitespace-pre-wrap text-slate-700">{change.reason}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
