import Link from "next/link";
import { DataTable } from "@/components/ui/table";
import type { TThresholdOverview } from "@/lib/thresholds/overview";
import { formatThreshold } from "@/lib/thresholds/value";
import { formatDelta, formatShare } from "./numbers";
import { RewardHistogram } from "./reward-histogram";

/** Every task in one table: the numbers a team argues about, each task linking to its curve. */
export function OverviewTable({ overview, openTask }: { overview: TThresholdOverview; openTask: string | null }) {
  return (
    <DataTable
      label="Thresholds by task"
      columns={[
        { label: "Task" },
        { label: "Trajectories", align: "right" },
        { label: "With reward", align: "right" },
        { label: "Reward distribution" },
        { label: "Threshold", align: "right" },
        { label: "Pass", align: "right" },
        { label: "Accepted / rejected / pending", align: "right", title: "Of those that pass" },
        { label: "Proposed → would pass", align: "right" },
      ]}
    >
      {overview.tasks.map((view) => {
        const { counts, threshold } = view;
        const total = counts.trajectories.total;
        const proposal = view.proposals.find((entry) => entry.state === "open");
        const others = view.proposals.filter((entry) => entry.state === "open").length - 1;
        return (
          <tr key={view.task} className={view.task === openTask ? "bg-indigo-50" : "hover:bg-slate-50"} data-testid={`overview-${view.task}`}>
            <td className="px-4 py-2">
              <Link
                href={`/thresholds?task=${encodeURIComponent(view.task)}#task-${view.task}`}
                aria-current={view.task === openTask ? "true" : undefined}
                className="font-mono font-medium text-indigo-700 hover:underline"
              >
                {view.task}
              </Link>
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{total.toLocaleString("en")}</td>
            <td className="px-3 py-2 text-right tabular-nums">
              {counts.withReward.total.toLocaleString("en")}
              {counts.noReward.total > 0 && (
                <div className="text-[11px] text-slate-500">+{counts.noReward.total.toLocaleString("en")} without</div>
              )}
            </td>
            <td className="px-3 py-2">
              <RewardHistogram task={view.task} bars={view.histogram} threshold={threshold.value} noReward={counts.noReward.total} />
            </td>
            <td className="px-3 py-2 text-right">
              <b className="tabular-nums">{formatThreshold(threshold.value)}</b>
              {threshold.isDefault && <div className="text-[11px] text-slate-500">default</div>}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">
              <b>{counts.passing.total.toLocaleString("en")}</b>
              <div className="text-[11px] text-slate-500">{formatShare(total ? counts.passing.total / total : 0)}</div>
            </td>
            <td className="px-3 py-2 text-right text-xs tabular-nums">
              <span className="text-emerald-700">{counts.passing.accepted.toLocaleString("en")}</span>
              {" / "}<span className="text-rose-700">{counts.passing.rejected.toLocaleString("en")}</span>
              {" / "}<span className="text-slate-600">{counts.passing.pending.toLocaleString("en")}</span>
            </td>
            <td className="px-3 py-2 text-right tabular-nums">
              {proposal ? (
                <>
                  <b className="text-amber-800">{formatThreshold(proposal.value)}</b> → {proposal.wouldPass.total.toLocaleString("en")}
                  <div className="text-[11px] text-slate-500">
                    {formatDelta(proposal.wouldPass.total - counts.passing.total)}{others > 0 ? ` · ${others} more open` : ""}
                  </div>
                </>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
