import { formatReward, STATUS_STYLES } from "@/components/ui/format";
import type { TTrajectoryDetail } from "@/lib/trajectories/get-trajectory";
import { rewardMeaning } from "@/lib/tasks/reward-meaning";

export function ReplayHeader({ trajectory }: { trajectory: TTrajectoryDetail }) {
  const facts: [string, React.ReactNode][] = [
    ["Task", <span key="task" className="font-mono">{trajectory.task}</span>],
    ["Dataset", trajectory.dataset.name],
    ["Source model", trajectory.sourceModel ?? "—"],
    ["Origin", trajectory.origin],
    ["Turns", `${trajectory.turnCount} (${trajectory.stepCount} steps)`],
    ["Tokens", trajectory.tokenCount.toLocaleString("en")],
  ];
  if (trajectory.runStatus) facts.push(["Run ended", trajectory.runStatus]);
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-xl font-semibold">{trajectory.externalId}</h1>
        <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLES[trajectory.status]}`} data-testid="status">{trajectory.status}</span>
        {trajectory.formatErrorCount > 0 && (
          <span className="rounded bg-rose-100 px-2 py-0.5 text-xs text-rose-800">{trajectory.formatErrorCount} format error{trajectory.formatErrorCount > 1 ? "s" : ""}</span>
        )}
        {trajectory.loopStartTurn !== null && (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">loop from turn {trajectory.loopStartTurn}</span>
        )}
        {trajectory.contaminationLabel && <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">contamination: {trajectory.contaminationLabel}</span>}
      </div>
      <div className="flex flex-wrap items-stretch gap-4">
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-2" data-testid="reward">
          <div className="text-[11px] uppercase tracking-wide text-slate-500">Reward</div>
          <div className="text-2xl font-semibold tabular-nums">{formatReward(trajectory.reward)}</div>
          <div className="max-w-56 text-xs text-slate-500">
            {trajectory.reward === null ? "none stored (already-filtered release)" : rewardMeaning(trajectory.task)}
          </div>
        </div>
        <dl className="grid flex-1 grid-cols-3 gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-[11px] uppercase tracking-wide text-slate-500">{label}</dt>
              <dd className="truncate">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </header>
  );
}
