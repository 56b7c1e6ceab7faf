"use client";

import type { TRecipe } from "@/lib/export/recipe";
import { DEFAULT_RECIPE_SHARES } from "@/lib/thresholds/mix";
import { Choice, Group, NumberInput, Section } from "./recipe-fields";
import { toPercent, toShare } from "./recipe-helpers";

type TUpdate = (change: (recipe: TRecipe) => TRecipe) => void;
type TShares = TRecipe["shares"];

/** Each task's share of the agent samples (docs/method.md §6 prefilled), or natural proportions; what to do when a task is short. */
export function SharesFields({ recipe, update, tasks, error }: { recipe: TRecipe; update: TUpdate; tasks: string[]; error?: string | null }) {
  const shares = recipe.shares;
  const set = (change: Partial<TShares>) => update((r) => ({ ...r, shares: { ...r.shares, ...change } }));
  const natural = recipe.size.mode === "allAgent";
  // Rows stay put while a share is cleared and retyped: the method's tasks, the recipe's, and those in the data.
  const rows = [...new Set([...Object.keys(DEFAULT_RECIPE_SHARES), ...Object.keys(shares.values), ...tasks])];
  const sum = Object.values(shares.values).reduce((total, share) => total + (Number.isNaN(share) ? 0 : share), 0);

  function setShare(task: string, percent: number) {
    const values = { ...shares.values };
    if (Number.isNaN(percent)) delete values[task];
    else values[task] = toShare(percent);
    set({ values });
  }

  return (
    <Section title="Task shares" hint="Each task's share of the agent samples." error={error} testId="section-shares">
      {natural && (
        <p className="rounded-md bg-sky-50 px-2 py-1.5 text-xs text-sky-900" data-testid="natural-note">
          With “all eligible agent data” every trajectory is taken once, so tasks come in their natural proportions. The shares below
          apply when you ask for a total number of samples.
        </p>
      )}
      <div className={natural ? "space-y-3 border-l-2 border-dashed border-slate-300 pl-3" : "space-y-3"}>
        <Choice
          name="share-mode"
          value={shares.mode}
          onChange={(mode) => set({ mode })}
          options={[
            { value: "recipe", label: "These shares" },
            { value: "natural", label: "Natural proportions (each task by how much it has)" },
          ]}
        />
        {shares.mode === "recipe" && (
          <div>
            <table className="w-full text-sm" aria-label="Task shares">
              <tbody className="divide-y divide-slate-100">
                {rows.map((task) => (
                  <tr key={task}>
                    <td className="py-1 pr-2 font-mono text-xs">{task}</td>
                    <td className="py-1 text-right">
                      <NumberInput label={`Share of ${task} (%)`} value={task in shares.values ? toPercent(shares.values[task]!) : Number.NaN} step="0.1" min={0} max={100} width="w-20" onChange={(percent) => setShare(task, percent)} />
                      <span className="ml-1 text-xs text-slate-500">%</span>
                    </td>
                    <td className="w-16 py-1 pl-2 text-right text-xs tabular-nums text-slate-500">
                      {task in DEFAULT_RECIPE_SHARES ? `${toPercent(DEFAULT_RECIPE_SHARES[task]!)} %` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="text-xs text-slate-500">
                <tr className="border-t border-slate-200">
                  <td className="py-1">sum</td>
                  <td className="py-1 pr-5 text-right tabular-nums" data-testid="share-sum">{toPercent(sum)} %</td>
                  <td className="py-1 pl-2 text-right">method</td>
                </tr>
              </tfoot>
            </table>
            <div className="mt-1 flex items-center justify-between gap-2 text-xs text-slate-500">
              <span>Shares are normalised: they need not add up to 100. Empty or 0 leaves a task out.</span>
              <button type="button" onClick={() => set({ values: { ...DEFAULT_RECIPE_SHARES } })} className="shrink-0 text-indigo-700 hover:underline">
                Reset to the method&apos;s shares
              </button>
            </div>
          </div>
        )}
        <Group label="When a task has too few trajectories for its share">
          <Choice
            name="when-short"
            value={shares.whenShort}
            onChange={(whenShort) => set({ whenShort })}
            options={[
              { value: "cap", label: "Cap: it gives what it has, the other tasks fill the gap" },
              {
                value: "replace",
                label: (
                  <span className="inline-flex flex-wrap items-center gap-1.5">
                    Sample with replacement, each trajectory at most
                    <NumberInput label="Maximum repeats" value={shares.maxRepeats} step="1" min={1} max={100} width="w-16" disabled={shares.whenShort !== "replace"} onChange={(maxRepeats) => set({ maxRepeats })} />
                    times
                  </span>
                ),
              },
            ]}
          />
        </Group>
      </div>
    </Section>
  );
}
