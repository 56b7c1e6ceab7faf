import type { TMixWhatIf } from "@/lib/thresholds/mix";
import { formatDelta, formatShare } from "./numbers";

/**
 * What applying a proposal does to the training mix: passing trajectories per
 * task before and after, and each task's share of the agent samples in a mix
 * of the size today's thresholds allow (docs/method.md §6 recipe).
 */
export function WhatIf({ whatIf, task }: { whatIf: TMixWhatIf; task: string }) {
  const { capacityBefore, capacityAfter, size } = whatIf;
  const changed = whatIf.rows.filter((row) => row.before !== row.after);
  return (
    <div className="space-y-2 text-xs" data-testid="what-if">
      <p className="text-slate-600">
        {changed.length === 0 ? (
          <>No trajectory of {task} changes side: the mix stays as it is.</>
        ) : (
          <>
            {task}: {changed[0]!.before.toLocaleString("en")} → <b className="text-slate-900">{changed[0]!.after.toLocaleString("en")}</b> passing
            ({formatDelta(changed[0]!.after - changed[0]!.before)}); the other tasks do not change.
          </>
        )}{" "}
        The default recipe can be honoured up to <b className="tabular-nums text-slate-900">{capacityBefore.size.toLocaleString("en")}</b> samples today
        {capacityBefore.limitedBy ? <> (limited by {capacityBefore.limitedBy})</> : null}, and up to{" "}
        <b className="tabular-nums text-slate-900">{capacityAfter.size.toLocaleString("en")}</b> after
        {capacityAfter.limitedBy ? <> (limited by {capacityAfter.limitedBy})</> : null}.
      </p>
      <table className="w-full text-left tabular-nums" aria-label={`What applying it does to the mix`}>
        <thead className="text-[11px] uppercase text-slate-500">
          <tr>
            <th className="py-1 font-medium">Task</th>
            <th className="pl-3 text-right font-medium">Passing now</th>
            <th className="pl-3 text-right font-medium">After</th>
            <th className="pl-3 text-right font-medium">Δ</th>
            <th className="pl-3 text-right font-medium">Recipe</th>
            <th className="pl-3 text-right font-medium" title={`Share of the agent samples in a mix of ${size.toLocaleString("en")}`}>Effective share, now → after</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {whatIf.rows.map((row) => {
            const delta = row.after - row.before;
            const moved = Math.abs(row.effectiveAfter - row.effectiveBefore) > 0.0005;
            return (
              <tr key={row.task} className={row.task === task ? "bg-amber-50/60 font-medium" : ""}>
                <td className="py-0.5 font-mono">{row.task}</td>
                <td className="text-right">{row.before.toLocaleString("en")}</td>
                <td className="text-right">{row.after.toLocaleString("en")}</td>
                <td className={`text-right ${delta > 0 ? "text-emerald-700" : delta < 0 ? "text-rose-700" : "text-slate-500"}`}>{formatDelta(delta)}</td>
                <td className="text-right">{row.share ? formatShare(row.share, 1) : <span className="text-slate-500">not in recipe</span>}</td>
                <td className="text-right">
                  {row.share ? (
                    <>
                      {formatShare(row.effectiveBefore, 1)} → <span className={moved ? (row.effectiveAfter < row.effectiveBefore ? "text-rose-700" : "text-emerald-700") : ""}>{formatShare(row.effectiveAfter, 1)}</span>
                    </>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-[11px] text-slate-500">
        How it is computed: each task of the recipe is sampled by its share; a task can give at most its passing trajectories, each once.
        In a mix of {size.toLocaleString("en")} samples (the most today&apos;s thresholds allow), a task that cannot fill its share gives all it has and
        the others fill the gap by their shares. The export will use the same arithmetic.
      </p>
    </div>
  );
}
