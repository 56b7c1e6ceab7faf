import type { TMixPlan } from "@/lib/export/plan";
import { formatCount } from "@/components/ui/format";
import { formatPercent } from "./format";

/**
 * A mix as planned: samples per task, general data, totals, effective eta and
 * GPT-4 share, and the planner's notes. The form's live preview and an
 * export's page both show it, from the same TMixPlan.
 */
export function MixPlan({ plan, testId = "mix-plan" }: { plan: TMixPlan; testId?: string }) {
  return (
    <div className="space-y-4" data-testid={testId}>
      <MixTotals plan={plan} />
      <TaskTable plan={plan} />
      <GeneralTable plan={plan} />
      {plan.notes.length > 0 && (
        <ul className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900" aria-label="Notes" data-testid="plan-notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MixTotals({ plan }: { plan: TMixPlan }) {
  const figures = [
    { label: "Samples", value: formatCount(plan.total), testId: "plan-total", detail: `${formatCount(plan.agentTotal)} agent · ${formatCount(plan.general.total)} general` },
    { label: "eta", value: plan.eta.effective.toFixed(3), testId: "plan-eta", detail: `agent share; asked ${plan.eta.requested}` },
    { label: "GPT-4 share", value: plan.gpt4Share.effective.toFixed(3), testId: "plan-gpt4", detail: `of general; asked ${plan.gpt4Share.requested}` },
  ];
  return (
    <dl className="grid grid-cols-3 gap-2">
      {figures.map((figure) => (
        <div key={figure.label} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
          <dt className="text-[11px] uppercase tracking-wide text-slate-500">{figure.label}</dt>
          <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid={figure.testId}>{figure.value}</dd>
          <dd className="text-[11px] tabular-nums text-slate-500">{figure.detail}</dd>
        </div>
      ))}
    </dl>
  );
}

const num = "px-3 py-1.5 text-right tabular-nums";

/** A task that gave all it has (or repeated some) and still sits below the share asked: the planner notes it. */
const isShort = (row: TMixPlan["agent"][number]) => row.repeats > 0 || (row.quota >= row.available && row.effectiveShare < row.share - 0.005);

function TaskTable({ plan }: { plan: TMixPlan }) {
  return (
    <table className="w-full text-sm" aria-label="Agent samples per task">
      <thead className="text-left text-[11px] uppercase tracking-wide text-slate-500">
        <tr className="border-b border-slate-200">
          <th className="py-1.5 pr-3 font-medium">Task</th>
          <th className="whitespace-nowrap px-3 py-1.5 text-right font-medium">Eligible</th>
          <th className="whitespace-nowrap px-3 py-1.5 text-right font-medium">Share</th>
          <th className="whitespace-nowrap px-3 py-1.5 text-right font-medium">Samples</th>
          <th className="whitespace-nowrap px-3 py-1.5 text-right font-medium">Repeats</th>
          <th className="whitespace-nowrap py-1.5 pl-3 text-right font-medium">Effective</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {plan.agent.map((row) => (
          <tr key={row.task} data-testid={`plan-task-${row.task}`}>
            <td className="py-1.5 pr-3 font-mono text-xs">{row.task}</td>
            <td className={num}>{formatCount(row.available)}</td>
            <td className={num}>{formatPercent(row.share)}</td>
            <td className={`${num} font-medium`}>{formatCount(row.quota)}</td>
            <td className={`${num} ${row.repeats > 0 ? "text-amber-700" : "text-slate-500"}`}>{formatCount(row.repeats)}</td>
            <td className={`py-1.5 pl-3 text-right tabular-nums ${isShort(row) ? "text-amber-700" : ""}`} title={isShort(row) ? "short of its share: see the notes" : undefined}>
              {formatPercent(row.effectiveShare)}
            </td>
          </tr>
        ))}
        {plan.agent.length === 0 && (
          <tr>
            <td colSpan={6} className="py-2 text-slate-500">No eligible agent trajectory: check the sources and the inclusion rules.</td>
          </tr>
        )}
      </tbody>
      <tfoot>
        <tr className="border-t border-slate-200 font-medium">
          <td className="whitespace-nowrap py-1.5 pr-3">Agent total</td>
          <td className={num}>{formatCount(plan.agent.reduce((sum, row) => sum + row.available, 0))}</td>
          <td />
          <td className={num} data-testid="plan-agent-total">{formatCount(plan.agentTotal)}</td>
          <td className={num}>{formatCount(plan.agent.reduce((sum, row) => sum + row.repeats, 0))}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

function GeneralTable({ plan }: { plan: TMixPlan }) {
  const rows = [
    { label: "GPT-4", group: plan.general.gpt4, testId: "plan-general-gpt4" },
    { label: "GPT-3.5 / other", group: plan.general.other, testId: "plan-general-other" },
  ];
  return (
    <table className="w-full text-sm" aria-label="General data">
      <thead className="text-left text-[11px] uppercase tracking-wide text-slate-500">
        <tr className="border-b border-slate-200">
          <th className="py-1.5 pr-3 font-medium">General data</th>
          <th className="whitespace-nowrap px-3 py-1.5 text-right font-medium">Eligible</th>
          <th className="whitespace-nowrap px-3 py-1.5 text-right font-medium">Wanted</th>
          <th className="py-1.5 pl-3 text-right font-medium">Samples</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.label} data-testid={row.testId}>
            <td className="py-1.5 pr-3">{row.label}</td>
            <td className={num}>{formatCount(row.group.available)}</td>
            <td className={`${num} ${row.group.quota < row.group.wanted ? "text-amber-700" : ""}`}>{formatCount(row.group.wanted)}</td>
            <td className="py-1.5 pl-3 text-right font-medium tabular-nums">{formatCount(row.group.quota)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
