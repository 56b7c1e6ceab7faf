import Link from "next/link";
import { formatCount, formatDateTime } from "@/components/ui/format";
import type { TExportSummary } from "@/lib/export/prepare";
import type { TRecipe } from "@/lib/export/recipe";
import { formatThreshold } from "@/lib/thresholds/value";
import { CONTAMINATION_LABELS, FORMAT_LABELS, LOSS_MASK_LABELS, REASONING_AS_LABELS, THOUGHT_LABELS, TOOL_CALL_LABELS } from "./format";

/** What an export's manifest records beside the mix: the recipe's rules and the state of the data it ran on. */

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";
const head = "text-left text-[11px] uppercase tracking-wide text-slate-500";

export function RecipeFacts({ recipe }: { recipe: TRecipe }) {
  const sources = (names: string[] | null) => (names === null ? "all" : names.length === 0 ? "none" : names.join(", "));
  const rows: [string, string][] = [
    ["Agent datasets", sources(recipe.sources.agentDatasets)],
    ["General datasets", sources(recipe.sources.generalDatasets)],
    ["Review status", `${recipe.inclusion.statuses.join(", ")} (general data: ${recipe.inclusion.generalStatuses.join(", ")})`],
    [
      "Filters",
      [
        recipe.inclusion.passesThreshold ? "reward passes threshold" : "any reward",
        `contamination: ${CONTAMINATION_LABELS[recipe.inclusion.contamination]}`,
        recipe.inclusion.excludeFormatErrors ? "no format errors" : null,
        recipe.inclusion.onePerInstruction ? "one run per instruction" : null,
      ]
        .filter(Boolean)
        .join(" · "),
    ],
    ["Size", recipe.size.mode === "total" ? `${formatCount(recipe.size.total)} samples` : "all eligible agent data"],
    ["eta · GPT-4 share", `${recipe.eta} · ${recipe.general.gpt4Share}`],
    [
      "Task shares",
      recipe.size.mode === "allAgent" || recipe.shares.mode === "natural"
        ? "natural proportions"
        : `${Object.entries(recipe.shares.values).map(([task, share]) => `${task} ${(share * 100).toFixed(1)} %`).join(", ")}; when short: ${recipe.shares.whenShort === "cap" ? "cap" : `repeat up to ${recipe.shares.maxRepeats}×`}`,
    ],
    ["Thoughts", THOUGHT_LABELS[recipe.thoughts]],
    ["Loss mask", LOSS_MASK_LABELS[recipe.lossMask]],
    ["Tool calls", `${TOOL_CALL_LABELS[recipe.toolCalls]}; reasoning: ${REASONING_AS_LABELS[recipe.reasoningAs]}`],
    ["Files", recipe.formats.map((format) => FORMAT_LABELS[format]).join(", ")],
    ["Seed", String(recipe.seed)],
  ];
  return (
    <section className={card} aria-label="Recipe">
      <h2 className="text-sm font-semibold text-slate-800">Recipe</h2>
      <dl className="mt-2 grid grid-cols-[10rem_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm" data-testid="recipe-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function ThresholdFacts({ summary }: { summary: TExportSummary }) {
  const { thresholds, contaminationRuns } = summary;
  return (
    <section className={`${card} space-y-3`} aria-label="Thresholds and contamination">
      <h2 className="text-sm font-semibold text-slate-800">Thresholds and contamination</h2>
      {thresholds.applied ? (
        <table className="w-full text-sm" aria-label="Thresholds used">
          <thead className={head}>
            <tr className="border-b border-slate-200">
              <th className="py-1 font-medium">Task</th>
              <th className="py-1 text-right font-medium">Threshold</th>
              <th className="py-1 text-right font-medium">Version</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {Object.entries(thresholds.byTask).map(([task, row]) => (
              <tr key={task}>
                <td className="py-1 font-mono text-xs">{task}</td>
                <td className="py-1 text-right tabular-nums">{formatThreshold(row.threshold)}</td>
                <td className="py-1 text-right tabular-nums text-slate-500">{row.version === 0 ? "default" : `v${row.version}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">Thresholds not applied: the recipe takes any reward.</p>
      )}
      <p className="text-xs text-slate-500">
        Other tasks: {formatThreshold(thresholds.defaultForOtherTasks)}; trajectories without a reward: {thresholds.noRewardTreatment === "pass" ? "kept as passing" : "excluded"}.
      </p>
      <div className="border-t border-slate-100 pt-2 text-sm text-slate-700" data-testid="contamination-run">
        <p>Contamination labels, per dataset, from the newest finished check that compared it:</p>
        <ul className="mt-1 space-y-0.5">
          {(contaminationRuns ?? []).map(({ dataset, run }) => (
            <li key={dataset} className="text-xs">
              <span className="font-medium">{dataset}</span>:{" "}
              {run ? (
                <>
                  <Link href={`/contamination/runs/${run.id}`} className="text-indigo-700 hover:underline">
                    run {run.id}
                  </Link>{" "}
                  ({run.testSet}, finished {formatDateTime(run.finishedAt)})
                </>
              ) : (
                <span className="text-slate-500">never checked (its trajectories carry no label)</span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

export function DatasetFacts({ summary }: { summary: TExportSummary }) {
  return (
    <section className={card} aria-label="Datasets">
      <h2 className="text-sm font-semibold text-slate-800">Datasets read</h2>
      <table className="mt-2 w-full text-sm">
        <thead className={head}>
          <tr className="border-b border-slate-200">
            <th className="py-1 pr-3 font-medium">Dataset</th>
            <th className="py-1 pr-3 font-medium">Kind</th>
            <th className="py-1 pr-3 text-right font-medium">Trajectories</th>
            <th className="py-1 font-medium">File sha256</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {summary.datasets.map((dataset) => (
            <tr key={dataset.name} className="align-top">
              <td className="py-1 pr-3 [overflow-wrap:anywhere]">{dataset.name}</td>
              <td className="py-1 pr-3 text-slate-600">{dataset.kind}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{formatCount(dataset.trajectories)}</td>
              <td className="break-all py-1 font-mono text-[11px] text-slate-500">{dataset.sha256}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Samples as drawn, by kind, task and source model. */
export function SampleCounts({ summary }: { summary: TExportSummary }) {
  return (
    <section className={card} aria-label="Samples by source model">
      <h2 className="text-sm font-semibold text-slate-800">Samples by source model</h2>
      <table className="mt-2 w-full text-sm">
        <thead className={head}>
          <tr className="border-b border-slate-200">
            <th className="py-1 pr-3 font-medium">Kind</th>
            <th className="py-1 pr-3 font-medium">Task</th>
            <th className="py-1 pr-3 font-medium">Source model</th>
            <th className="py-1 text-right font-medium">Samples</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {summary.counts.map((row) => (
            <tr key={`${row.kind}/${row.task}/${row.sourceModel}`}>
              <td className="py-1 pr-3 text-slate-600">{row.kind}</td>
              <td className="py-1 pr-3 font-mono text-xs">{row.task}</td>
              <td className="py-1 pr-3 [overflow-wrap:anywhere]">{row.sourceModel}</td>
              <td className="py-1 text-right tabular-nums">{formatCount(row.samples)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.preferencePairs > 0 && <p className="mt-2 text-xs text-slate-600">Plus {formatCount(summary.preferencePairs)} preference pairs.</p>}
    </section>
  );
}
